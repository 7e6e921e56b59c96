using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/job_owners item: one role (<c>recruiter|coordinator|sourcer</c>) one user holds on one job, so a user with
/// two roles has two rows. <c>responsible</c> marks the default assignee for new applications; never a sourcer.
/// </summary>
public sealed record V3JobOwnerDto(long Id, long JobId, long UserId, string Type, bool Responsible, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>GET /v3/job_hiring_managers item.</summary>
public sealed record V3JobHiringManagerDto(long Id, long JobId, long UserId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record TeamRow(long Id, long JobId, TeamMember Member, string Type) : IEntity;

/// <summary>The v3 hiring team: job owners (recruiters, coordinators, sourcers) and hiring managers, the v1 <c>hiring_team</c>.</summary>
internal static class V3HiringTeam
{
    public const string Recruiter = "recruiter";
    public const string Coordinator = "coordinator";
    public const string Sourcer = "sourcer";

    private static readonly string[] OwnerTypes = [Sourcer, Recruiter, Coordinator];

    public static void MapV3HiringTeam(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.JobOwnersList, ListOwners, "user_ids", "job_ids", "type");
        routes.MapV3List(HarvestV3Scopes.JobHiringManagersList, ListHiringManagers, "user_ids", "job_ids");
    }

    public static IEnumerable<TeamRow> Owners(Job job) =>
        job.Recruiters.Select(m => new TeamRow(m.Id, job.Id, m, Recruiter))
            .Concat(job.Coordinators.Select(m => new TeamRow(m.Id, job.Id, m, Coordinator)))
            .Concat(job.Sourcers.Select(m => new TeamRow(m.Id, job.Id, m, Sourcer)));

    private static IEnumerable<TeamRow> HiringManagers(Job job) => job.HiringManagers.Select(m => new TeamRow(m.Id, job.Id, m, "hiring_manager"));

    /// <summary>GET /v3/job_owners: <c>ids</c>, <c>user_ids</c>, <c>job_ids</c>, <c>type</c> (one or more of sourcer, recruiter, coordinator), dates.</summary>
    private static IResult ListOwners(V3Call call)
    {
        var types = call.Query.AnyOf("type", OwnerTypes);
        return List(call, Owners, row => types is null || types.Contains(row.Type),
            row => new V3JobOwnerDto(row.Id, row.JobId, row.Member.UserId, row.Type, row.Type != Sourcer && row.Member.Responsible,
                row.Member.CreatedAt, row.Member.CreatedAt),
            HarvestV3Json.ListV3JobOwnerDto);
    }

    /// <summary>GET /v3/job_hiring_managers: <c>ids</c>, <c>user_ids</c>, <c>job_ids</c>, dates.</summary>
    private static IResult ListHiringManagers(V3Call call) =>
        List(call, HiringManagers, _ => true,
            row => new V3JobHiringManagerDto(row.Id, row.JobId, row.Member.UserId, row.Member.CreatedAt, row.Member.CreatedAt),
            HarvestV3Json.ListV3JobHiringManagerDto);

    private static IResult List<TDto>(
        V3Call call, Func<Job, IEnumerable<TeamRow>> rows, Func<TeamRow, bool> filter, Func<TeamRow, TDto> project,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<TDto>> typeInfo)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var userIds = q.Ids("user_ids");
        var jobIds = q.Ids("job_ids");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        return call.Page(
            (data, before) => Descending.Sorted(
                (jobIds is null ? data.Jobs.Items : jobIds.Select(data.Jobs.Find).OfType<Job>()).SelectMany(rows), before),
            row => visible(row.JobId) && filter(row) && (ids is null || ids.Contains(row.Id)) &&
                   (userIds is null || userIds.Contains(row.Member.UserId)) &&
                   created.Contains(row.Member.CreatedAt) && updated.Contains(row.Member.CreatedAt),
            (_, row) => project(row),
            typeInfo);
    }
}
