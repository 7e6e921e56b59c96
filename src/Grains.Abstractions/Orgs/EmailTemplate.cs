using System.Text.RegularExpressions;

namespace GemScheduling.Orgs;

/// <summary>An org's wording for one kind of candidate email; <c>{{placeholders}}</c> are filled in when sent.</summary>
[GenerateSerializer, Immutable, Alias("gs.email-template")]
public sealed record EmailTemplate([property: Id(0)] string Kind, [property: Id(1)] string Subject, [property: Id(2)] string Body, [property: Id(3)] bool IsDefault);

public static partial class EmailTemplates
{
    public const string Scheduled = "scheduled";
    public const string Rescheduled = "rescheduled";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> Kinds = [Scheduled, Rescheduled, Cancelled];

    public static readonly IReadOnlyList<string> Placeholders =
        ["candidate_name", "candidate_first_name", "job_name", "organizer_name", "organizer_email", "interviews", "reason"];

    public static readonly IReadOnlyDictionary<string, EmailTemplate> Defaults = new Dictionary<string, EmailTemplate>
    {
        [Scheduled] = new(Scheduled, "Your interviews for {{job_name}}",
            "Hi {{candidate_first_name}},\n\nThank you for your interest in the {{job_name}} role. Your interviews are scheduled:\n\n{{interviews}}\n\n" +
            "A calendar invitation is attached. If a time no longer works for you, reply to this email.\n\nBest regards,\n{{organizer_name}}", true),
        [Rescheduled] = new(Rescheduled, "Updated: your interviews for {{job_name}}",
            "Hi {{candidate_first_name}},\n\nYour interviews for the {{job_name}} role have changed. The schedule is now:\n\n{{interviews}}\n\n" +
            "The attached invitation replaces the previous one.\n\nBest regards,\n{{organizer_name}}", true),
        [Cancelled] = new(Cancelled, "Cancelled: your interviews for {{job_name}}",
            "Hi {{candidate_first_name}},\n\nYour interviews for the {{job_name}} role have been cancelled. We will be in touch about next steps.\n\n" +
            "Best regards,\n{{organizer_name}}", true),
    };

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}")]
    public static partial Regex PlaceholderPattern();

    /// <summary>Placeholders the template uses that GemScheduling cannot fill.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct();

    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
}
