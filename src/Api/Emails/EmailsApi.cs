using System.Text;
using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Emails;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace GemScheduling.Api.Emails;

public sealed record EmailTemplateBody(string? Subject, string? Body);

/// <summary>The org's templates (defaults where not customised) and the placeholders a template may use.</summary>
public sealed record EmailTemplatesView(IReadOnlyList<EmailTemplate> Items, IReadOnlyList<string> Placeholders);

internal static class EmailsApi
{
    public static IEndpointRouteBuilder MapEmails(this IEndpointRouteBuilder routes)
    {
        var emails = routes.MapOrgGroup("", "Candidate emails");
        emails.MapGet("/emails", List).WithSummary("Emails sent, oldest first (the local outbox when no SMTP server is configured): to candidates by default; `audience=interviewers` for interviewers' calendar invitations, or `all`.");
        emails.MapGet("/email-templates", Templates).WithSummary("The org's email templates (defaults where not customised) and the placeholders they may use.");
        emails.MapPut("/email-templates/{kind}", SetTemplate).ForAdmins().WithSummary("Customise the scheduled, rescheduled or cancelled email.");
        return routes;
    }

    private static async Task<Ok<ListResponse<SentEmail>>> List(string orgId, long? applicationId, int? limit, string? cursor, string? audience, ISentEmailLog log, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        var to = audience switch
        {
            null or "candidate" => EmailAudience.Candidate,
            "interviewers" => EmailAudience.Interviewers,
            "all" => EmailAudience.All,
            _ => (EmailAudience?)null,
        };
        if (to is null)
            errors["audience"] = ["One of candidate (the default), interviewers or all."];
        if (limit is < 1 or > 500)
            errors["limit"] = ["Must be between 1 and 500."];
        (DateTimeOffset, string)? after = null;
        if (cursor is not null)
        {
            after = Decode(cursor);
            if (after is null)
                errors["cursor"] = ["Not a cursor this API returned."];
        }

        Paging.ThrowIfAny(errors);
        var take = limit ?? 50;
        var emails = await log.ListAsync(orgId, applicationId, take + 1, after, to!.Value);
        var items = emails.Take(take).ToList();
        string? next = null;
        if (emails.Count > take)
        {
            var last = items[^1];
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{last.SentAt.UtcTicks}|{last.EmailId}"));
            next = QueryHelpers.AddQueryString(Paging.SelfUrl(http),
                QueryHelpers.ParseQuery(http.Request.QueryString.Value).Where(q => q.Key != "cursor")
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).Append(new("cursor", token)));
            http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }

        return TypedResults.Ok(new ListResponse<SentEmail>(items, next));
    }

    private static async Task<Ok<EmailTemplatesView>> Templates(string orgId, IGrainFactory grains) =>
        TypedResults.Ok(new EmailTemplatesView(await grains.Grain<IOrgGrain>(orgId).GetEmailTemplates(), EmailTemplates.Placeholders));

    private static async Task<Ok<EmailTemplate>> SetTemplate(string orgId, string kind, EmailTemplateBody? body, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).SetEmailTemplate(kind, body?.Subject ?? "", body?.Body ?? "", http.User.Actor()));

    private static (DateTimeOffset, string)? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor)).Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks is >= 0 and <= 3155378975999999999
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
