using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class UsersEndpoints
{
    public static void MapUsers(this HarvestRoutes routes)
    {
        var users = routes.V1.MapGroup("/users");
        users.MapHarvest(routes, HarvestPermissions.UsersList, "", List);
    }

    /// <summary>GET /v1/users (docs/HARVEST-CONTRACT.md §7.5). email matches a primary or secondary address and returns that one user.</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var created = q.Range("created");
        var updated = q.Range("updated");
        var employeeId = q.Get("employee_id");
        var email = q.Get("email");
        var withAttributes = q.Bool("user_attributes") == true;

        Func<User, bool>? filter = created.IsEmpty && updated.IsEmpty && employeeId is null
            ? null
            : u => created.Contains(u.CreatedAt) && updated.Contains(u.UpdatedAt) &&
                   (employeeId is null || string.Equals(u.EmployeeId, employeeId, StringComparison.Ordinal));

        return call.Page(q,
            data => email is null ? data.Users.Items : data.FindUserByEmail(email) is { } user ? [user] : [],
            filter,
            (data, u) => UserProjection.ToDto(data, u, withAttributes),
            HarvestJson.ListUserDto);
    }
}
