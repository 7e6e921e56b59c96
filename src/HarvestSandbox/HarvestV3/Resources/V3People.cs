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

/// <summary>GET /v3/users item (docs/HARVEST-CONTRACT.md §11): <c>disabled</c>→<c>deactivated</c>, <c>primary_email_address</c>→<c>primary_email</c>.</summary>
public sealed record V3UserDto(
    long Id,
    string FirstName,
    string LastName,
    string Name,
    string PrimaryEmail,
    IReadOnlyList<string> Emails,
    string? EmployeeId,
    bool Deactivated,
    bool SiteAdmin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<long> OfficeIds,
    IReadOnlyList<long> DepartmentIds);

internal static class V3People
{
    public static void MapV3People(this V3Routes routes)
    {
        routes.MapV3(HarvestV3Scopes.CandidatesList, "/candidates", ListCandidates);
        routes.MapV3(HarvestV3Scopes.UsersList, "/users", ListUsers);
    }

    public static V3CandidateDto Candidate(Candidate c) =>
        new(c.Id, c.FirstName, c.LastName, c.Company, c.Title, c.CreatedAt, c.UpdatedAt, c.LastActivity, c.IsPrivate,
            c.EmailAddresses.Select(e => new TypedValueDto(e.Value, e.Type)).ToArray(),
            c.PhoneNumbers.Select(p => new TypedValueDto(p.Value, p.Type)).ToArray(),
            c.Tags.ToArray(), c.RecruiterId, c.CoordinatorId);

    public static V3UserDto User(User u) =>
        new(u.Id, u.FirstName, u.LastName, u.Name, u.PrimaryEmail, u.Emails.ToArray(), u.EmployeeId, u.Disabled, u.SiteAdmin,
            u.CreatedAt, u.UpdatedAt, u.OfficeIds.ToArray(), u.DepartmentIds.ToArray());

    /// <summary>GET /v3/candidates: <c>ids</c>, <c>created_at</c>, <c>updated_at</c> (not both), <c>last_activity_at</c>. No <c>job_id</c> (use applications).</summary>
    private static IResult ListCandidates(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        var lastActivity = q.Date("last_activity_at");
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Candidates.Find).OfType<Candidate>(), before)
                : Descending.From(data.Candidates.Items, before),
            c => created.Contains(c.CreatedAt) && updated.Contains(c.UpdatedAt) && lastActivity.Contains(c.LastActivity),
            (_, c) => Candidate(c),
            HarvestV3Json.ListV3CandidateDto);
    }

    /// <summary>
    /// GET /v3/users: <c>ids</c>, <c>primary_email</c> (the primary address only, case-insensitive), <c>employee_ids</c>,
    /// <c>deactivated</c>, <c>created_at</c>/<c>updated_at</c> (not both). Service accounts only with <c>show_service_accounts=true</c>.
    /// </summary>
    private static IResult ListUsers(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var primaryEmail = q.Get("primary_email");
        var employeeIds = q.List("employee_ids")?.ToHashSet(StringComparer.Ordinal);
        var deactivated = q.Bool("deactivated");
        var showServiceAccounts = q.Bool("show_service_accounts") == true;
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Users.Find).OfType<User>(), before)
                : Descending.From(data.Users.Items, before),
            u => (showServiceAccounts || !u.ServiceAccount) &&
                 (primaryEmail is null || string.Equals(u.PrimaryEmail, primaryEmail, StringComparison.OrdinalIgnoreCase)) &&
                 (employeeIds is null || (u.EmployeeId is not null && employeeIds.Contains(u.EmployeeId))) &&
                 (deactivated is null || u.Disabled == deactivated) &&
                 created.Contains(u.CreatedAt) && updated.Contains(u.UpdatedAt),
            (_, u) => User(u),
            HarvestV3Json.ListV3UserDto);
    }
}
