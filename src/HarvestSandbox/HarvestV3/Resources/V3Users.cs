using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

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

/// <summary>
/// GET /v3/user_emails item: one address of one user (the primary and every secondary one). Only verified addresses
/// may be matched to interviewer calendars; an unverified one carries when its verification mail went out.
/// </summary>
public sealed record V3UserEmailDto(
    long Id, long UserId, string Email, bool Verified, DateTimeOffset? VerificationTokenSentAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A user's address; its id is derived (user id × 100 + position + 1), stable as addresses are only added.</summary>
internal sealed record UserEmailRow(long Id, User User, string Email) : IEntity
{
    public static IEnumerable<UserEmailRow> Of(User user) => user.Emails.Select((email, i) => new UserEmailRow(user.Id * 100 + i + 1, user, email));
}

internal static class V3Users
{
    public static void MapV3Users(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.UsersList, ListUsers,
            "agency_ids", "office_ids", "department_ids", "linked_candidate_ids", "interviewer_tag_ids", "employee_ids", "custom_field_option_id",
            "deactivated", "primary_email", "external_office_id", "external_department_id", "show_service_accounts");
        routes.MapV3List(HarvestV3Scopes.UserEmailsList, ListEmails, "user_ids", "email", "verified", "verification_token_sent_at");
    }

    public static V3UserDto User(User u) =>
        new(u.Id, u.FirstName, u.LastName, u.Name, u.PrimaryEmail, u.Emails.ToArray(), u.EmployeeId, u.Disabled, u.SiteAdmin,
            u.CreatedAt, u.UpdatedAt, u.OfficeIds.ToArray(), u.DepartmentIds.ToArray());

    /// <summary>
    /// GET /v3/users: <c>ids</c>, <c>primary_email</c> (the primary address only, case-insensitive), <c>employee_ids</c>,
    /// <c>deactivated</c>, <c>office_ids</c>, <c>department_ids</c>, <c>linked_candidate_ids</c>, <c>external_office_id</c>,
    /// <c>external_department_id</c>, <c>created_at</c>/<c>updated_at</c> (not both). <c>agency_ids</c>, <c>interviewer_tag_ids</c>
    /// and <c>custom_field_option_id</c> match nothing (the store has none). Service accounts only with <c>show_service_accounts=true</c>.
    /// </summary>
    private static IResult ListUsers(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var primaryEmail = q.Get("primary_email");
        var employeeIds = q.List("employee_ids")?.ToHashSet(StringComparer.Ordinal);
        var deactivated = q.Bool("deactivated");
        var showServiceAccounts = q.Bool("show_service_accounts") == true;
        var officeIds = q.Ids("office_ids");
        var departmentIds = q.Ids("department_ids");
        var linkedCandidateIds = q.Ids("linked_candidate_ids");
        var externalOfficeId = q.Get("external_office_id");
        var externalDepartmentId = q.Get("external_department_id");
        var nothing = q.Ids("agency_ids") is not null | q.Ids("interviewer_tag_ids") is not null | q.Id("custom_field_option_id") is not null;
        var (created, updated) = q.Timestamps();
        var data = call.Data;
        return call.Page(
            (d, before) => ids is not null
                ? Descending.Sorted(ids.Select(d.Users.Find).OfType<User>(), before)
                : Descending.From(d.Users.Items, before),
            u => !nothing && (showServiceAccounts || !u.ServiceAccount) &&
                 (primaryEmail is null || string.Equals(u.PrimaryEmail, primaryEmail, StringComparison.OrdinalIgnoreCase)) &&
                 (employeeIds is null || (u.EmployeeId is not null && employeeIds.Contains(u.EmployeeId))) &&
                 (deactivated is null || u.Disabled == deactivated) &&
                 (officeIds is null || u.OfficeIds.Exists(officeIds.Contains)) &&
                 (departmentIds is null || u.DepartmentIds.Exists(departmentIds.Contains)) &&
                 (linkedCandidateIds is null || u.LinkedCandidateIds.Exists(linkedCandidateIds.Contains)) &&
                 (externalOfficeId is null || u.OfficeIds.Exists(id => data.Offices.Find(id)?.ExternalId == externalOfficeId)) &&
                 (externalDepartmentId is null || u.DepartmentIds.Exists(id => data.Departments.Find(id)?.ExternalId == externalDepartmentId)) &&
                 created.Contains(u.CreatedAt) && updated.Contains(u.UpdatedAt),
            (_, u) => User(u),
            HarvestV3Json.ListV3UserDto);
    }

    /// <summary>
    /// GET /v3/user_emails: <c>ids</c>, <c>user_ids</c>, <c>email</c> (up to 50 addresses, comma-separated, case-insensitive),
    /// <c>verified</c>, <c>verification_token_sent_at</c>, <c>created_at</c>/<c>updated_at</c> (the user's). Service accounts
    /// have no address here.
    /// </summary>
    private static IResult ListEmails(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var userIds = q.Ids("user_ids");
        var emails = q.List("email")?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verified = q.Bool("verified");
        var tokenSent = q.Date("verification_token_sent_at");
        var (created, updated) = q.Timestamps();
        return call.Page(
            (data, before) => Descending.Sorted(
                (emails is not null ? emails.Select(data.FindUserByEmail).OfType<User>().Distinct()
                    : userIds is not null ? userIds.Select(data.Users.Find).OfType<User>()
                    : data.Users.Items).SelectMany(UserEmailRow.Of),
                before),
            row => !row.User.ServiceAccount && (ids is null || ids.Contains(row.Id)) && (userIds is null || userIds.Contains(row.User.Id)) &&
                   (emails is null || emails.Contains(row.Email)) && (verified is null || IsVerified(row) == verified) &&
                   tokenSent.Contains(TokenSentAt(row)) && created.Contains(row.User.CreatedAt) && updated.Contains(row.User.UpdatedAt),
            (_, row) => new V3UserEmailDto(row.Id, row.User.Id, row.Email, IsVerified(row), TokenSentAt(row), row.User.CreatedAt, row.User.UpdatedAt),
            HarvestV3Json.ListV3UserEmailDto);
    }

    private static bool IsVerified(UserEmailRow row) => !row.User.UnverifiedEmails.Contains(row.Email);

    /// <summary>An unverified address had its verification mail sent when the user last changed (the sandbox's reading).</summary>
    private static DateTimeOffset? TokenSentAt(UserEmailRow row) => IsVerified(row) ? null : row.User.UpdatedAt;
}
