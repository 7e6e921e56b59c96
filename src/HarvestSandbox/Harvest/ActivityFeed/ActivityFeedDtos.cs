using System.Text.Json.Serialization;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>A note: the Add Note response and an activity-feed entry (docs/HARVEST-CONTRACT.md §7.3, §7.7).</summary>
public sealed record NoteDto(
    long Id,
    DateTimeOffset CreatedAt,
    string Body,
    UserRefDto? User,
    bool Private,
    [property: JsonPropertyName("visiblity")] string Visiblity,
    string Visibility);

/// <summary>The Add E-mail response: <c>cc</c> is an array here (docs/HARVEST-CONTRACT.md §7.4).</summary>
public sealed record EmailDto(long Id, DateTimeOffset CreatedAt, string Subject, string Body, string To, string From, IReadOnlyList<string> Cc, UserRefDto? User);

/// <summary>An email on the activity feed: <c>cc</c> is a comma-joined string here (real quirk, docs/HARVEST-CONTRACT.md §7.7).</summary>
public sealed record FeedEmailDto(long Id, DateTimeOffset CreatedAt, string Subject, string Body, string To, string From, string? Cc, UserRefDto? User);

public sealed record ActivityDto(long Id, DateTimeOffset CreatedAt, string Subject, string Body, UserRefDto? User);

public sealed record ActivityFeedDto(IReadOnlyList<NoteDto> Notes, IReadOnlyList<FeedEmailDto> Emails, IReadOnlyList<ActivityDto> Activities);

internal static class ActivityFeedProjection
{
    public static NoteDto Note(OrgData data, FeedNote n) =>
        new(n.Id, n.CreatedAt, n.Body, Refs.User(data, n.UserId), n.Visibility == NoteVisibility.Private,
            n.Visibility.Wire(), n.Visibility.Wire());

    public static EmailDto Email(OrgData data, FeedEmail e) =>
        new(e.Id, e.CreatedAt, e.Subject, e.Body, e.To, e.From, e.Cc.ToArray(), Refs.User(data, e.UserId));

    public static FeedEmailDto FeedEmail(OrgData data, FeedEmail e) =>
        new(e.Id, e.CreatedAt, e.Subject, e.Body, e.To, e.From, e.Cc.Count == 0 ? null : string.Join(", ", e.Cc), Refs.User(data, e.UserId));

    public static ActivityDto Activity(OrgData data, FeedActivity a) =>
        new(a.Id, a.CreatedAt, a.Subject, a.Body, Refs.User(data, a.UserId));

    /// <summary>Newest first, as the Greenhouse UI shows the feed (assumed; the order is not documented).</summary>
    public static ActivityFeedDto Feed(OrgData data, Candidate c) =>
        new(c.Notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Select(n => Note(data, n)).ToArray(),
            c.Emails.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Select(e => FeedEmail(data, e)).ToArray(),
            c.Activities.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Select(a => Activity(data, a)).ToArray());
}
