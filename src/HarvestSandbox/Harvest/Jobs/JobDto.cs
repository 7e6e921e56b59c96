using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/jobs item and GET /v1/jobs/{id} (docs/HARVEST-CONTRACT.md §7.8).</summary>
public sealed record JobDto(
    long Id,
    string Name,
    string? RequisitionId,
    string? Notes,
    bool Confidential,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt,
    bool IsTemplate,
    long? CopiedFromId,
    IReadOnlyList<DepartmentDto> Departments,
    IReadOnlyList<OfficeRefDto> Offices,
    IReadOnlyDictionary<string, string?> CustomFields,
    IReadOnlyDictionary<string, string?> KeyedCustomFields,
    HiringTeamDto HiringTeam,
    IReadOnlyList<OpeningDto> Openings);

public sealed record HiringTeamDto(
    IReadOnlyList<UserRefDto> HiringManagers,
    IReadOnlyList<TeamMemberDto> Recruiters,
    IReadOnlyList<TeamMemberDto> Coordinators,
    IReadOnlyList<TeamMemberDto> Sourcers);

public sealed record TeamMemberDto(long Id, string FirstName, string LastName, string Name, string? EmployeeId, bool Responsible);

public sealed record OpeningDto(long Id, string OpeningId, string Status, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt, long? ApplicationId, CloseReasonDto? CloseReason);

public sealed record CloseReasonDto(long Id, string Name);

internal static class JobProjection
{
    public static JobDto ToDto(OrgData data, Job j) =>
        new(j.Id, j.Name, j.RequisitionId, j.Notes, j.Confidential, j.Status.Wire(), j.CreatedAt, j.OpenedAt, j.ClosedAt,
            j.UpdatedAt, j.IsTemplate, j.CopiedFromId,
            Refs.Departments(data, j.DepartmentIds),
            Refs.Offices(data, j.OfficeIds),
            CustomFields.Empty,
            CustomFields.Empty,
            new HiringTeamDto(
                j.HiringManagers.Select(m => Refs.User(data, m.UserId)).OfType<UserRefDto>().ToArray(),
                Team(data, j.Recruiters),
                Team(data, j.Coordinators),
                Team(data, j.Sourcers)),
            j.Openings.Select(o => new OpeningDto(o.Id, o.OpeningId, o.Open ? "open" : "closed", o.OpenedAt, o.ClosedAt,
                o.ApplicationId, o.CloseReason is null ? null : new CloseReasonDto(o.Id, o.CloseReason))).ToArray());

    private static TeamMemberDto[] Team(OrgData data, List<TeamMember> members)
    {
        var result = new List<TeamMemberDto>(members.Count);
        foreach (var m in members)
        {
            if (data.Users.Find(m.UserId) is { } u)
            {
                result.Add(new TeamMemberDto(u.Id, u.FirstName, u.LastName, u.Name, u.EmployeeId, m.Responsible));
            }
        }

        return [.. result];
    }
}
