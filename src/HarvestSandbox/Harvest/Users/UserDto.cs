using System.Text.Json.Serialization;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/users item (docs/HARVEST-CONTRACT.md §7.5).</summary>
public sealed record UserDto(
    long Id,
    string Name,
    string FirstName,
    string LastName,
    string PrimaryEmailAddress,
    DateTimeOffset UpdatedAt,
    DateTimeOffset CreatedAt,
    bool Disabled,
    bool SiteAdmin,
    IReadOnlyList<string> Emails,
    string? EmployeeId,
    IReadOnlyList<long> LinkedCandidateIds,
    IReadOnlyList<OfficeRefDto> Offices,
    IReadOnlyList<DepartmentDto> Departments)
{
    /// <summary>Only sent with <c>user_attributes=true</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string?>? KeyedCustomFields { get; init; }
}

internal static class UserProjection
{
    public static UserDto ToDto(OrgData data, User u, bool withAttributes = false) =>
        new(u.Id, u.Name, u.FirstName, u.LastName, u.PrimaryEmail, u.UpdatedAt, u.CreatedAt, u.Disabled, u.SiteAdmin,
            u.Emails.ToArray(), u.EmployeeId, u.LinkedCandidateIds.ToArray(),
            Refs.Offices(data, u.OfficeIds), Refs.Departments(data, u.DepartmentIds))
        {
            CustomFields = withAttributes ? Harvest.CustomFields.Empty : null,
            KeyedCustomFields = withAttributes ? Harvest.CustomFields.Empty : null,
        };
}
