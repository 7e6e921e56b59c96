using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/candidates item (docs/HARVEST-CONTRACT.md §11): <c>is_private</c>→<c>private</c>, <c>last_activity</c>→<c>last_activity_at</c>;
/// no embedded applications, educations or attachments, and no child ids.
/// </summary>
public sealed record V3CandidateDto(
    long Id,
    string FirstName,
    string LastName,
    string? Company,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActivityAt,
    bool Private,
    IReadOnlyList<TypedValueDto> EmailAddresses,
    IReadOnlyList<TypedValueDto> PhoneNumbers,
    IReadOnlyList<string> Tags,
    long? RecruiterId,
    long? CoordinatorId);

internal static class V3People
{
    public static void MapV3People(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.CandidatesList, ListCandidates, "last_activity_at", "custom_field_option_id", "private", "email", "tag");
        routes.MapV3Users();
    }

    public static V3CandidateDto Candidate(Candidate c) =>
        new(c.Id, c.FirstName, c.LastName, c.Company, c.Title, c.CreatedAt, c.UpdatedAt, c.LastActivity, c.IsPrivate,
            c.EmailAddresses.Select(e => new TypedValueDto(e.Value, e.Type)).ToArray(),
            c.PhoneNumbers.Select(p => new TypedValueDto(p.Value, p.Type)).ToArray(),
            c.Tags.ToArray(), c.RecruiterId, c.CoordinatorId);

    /// <summary>
    /// GET /v3/candidates: <c>ids</c>, <c>created_at</c>, <c>updated_at</c> (not both), <c>last_activity_at</c>, <c>private</c>,
    /// <c>email</c> (any of the candidate's addresses, case-insensitive; up to 50, comma-separated), <c>tag</c> (one tag,
    /// case-insensitive). <c>custom_field_option_id</c> matches nothing (no custom fields). No <c>job_id</c> (use applications).
    /// </summary>
    private static IResult ListCandidates(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var (created, updated) = q.Timestamps();
        var lastActivity = q.Date("last_activity_at");
        var isPrivate = q.Bool("private");
        var emails = q.List("email");
        var tag = q.Get("tag");
        var customFieldOption = q.Id("custom_field_option_id");
        return call.Page(
            (data, before) =>
                emails is not null ? Descending.Sorted(emails.SelectMany(data.FindCandidatesByEmail).Distinct(), before)
                : ids is not null ? Descending.Sorted(ids.Select(data.Candidates.Find).OfType<Candidate>(), before)
                : Descending.From(data.Candidates.Items, before),
            c => customFieldOption is null && (ids is null || ids.Contains(c.Id)) && (isPrivate is null || c.IsPrivate == isPrivate) &&
                 (tag is null || c.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) &&
                 created.Contains(c.CreatedAt) && updated.Contains(c.UpdatedAt) && lastActivity.Contains(c.LastActivity),
            (_, c) => Candidate(c),
            HarvestV3Json.ListV3CandidateDto);
    }
}
