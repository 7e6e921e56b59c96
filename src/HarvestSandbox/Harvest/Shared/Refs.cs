using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>Projections of small embedded objects. Callers hold the org's lock.</summary>
internal static class Refs
{
    public static UserRefDto User(User u) => new(u.Id, u.FirstName, u.LastName, u.Name, u.EmployeeId);

    public static UserRefDto? User(OrgData data, long? userId) =>
        userId is { } id && data.Users.Find(id) is { } u ? User(u) : null;

    public static OfficeRefDto Office(Office o) =>
        new(o.Id, o.Name, new LocationNameDto(o.LocationName), o.PrimaryContactUserId, o.ParentId, o.ChildIds.ToArray(), o.ExternalId);

    public static DepartmentDto Department(Department d) => new(d.Id, d.Name, d.ParentId, d.ChildIds.ToArray(), d.ExternalId);

    public static IReadOnlyList<OfficeRefDto> Offices(OrgData data, List<long> ids)
    {
        var result = new List<OfficeRefDto>(ids.Count);
        foreach (var id in ids)
        {
            if (data.Offices.Find(id) is { } o)
            {
                result.Add(Office(o));
            }
        }

        return result;
    }

    public static IReadOnlyList<DepartmentDto> Departments(OrgData data, List<long> ids)
    {
        var result = new List<DepartmentDto>(ids.Count);
        foreach (var id in ids)
        {
            if (data.Departments.Find(id) is { } d)
            {
                result.Add(Department(d));
            }
        }

        return result;
    }
}
