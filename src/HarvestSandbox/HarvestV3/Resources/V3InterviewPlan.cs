using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>GET /v3/job_interview_stages item (v1 job stage): <c>priority</c>→<c>sort_order</c>; <c>active: false</c> = deleted.</summary>
public sealed record V3JobInterviewStageDto(long Id, long JobId, string Name, int SortOrder, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// GET /v3/job_interviews item (v1 stage <c>interviews[]</c>): its id is the <c>job_interview_id</c> to schedule against.
/// <c>sort_order</c> starts at 1 within the stage; <c>scheduling_type</c> is <c>none|needs_scheduling|take_home_test|offer</c>;
/// <c>duration</c> in minutes; <c>active</c> follows the stage.
/// </summary>
public sealed record V3JobInterviewDto(
    long Id, long JobId, long JobInterviewStageId, string Name, int SortOrder, string SchedulingType, int? Duration, bool RequireScorecard,
    bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// GET /v3/interview_kits item: exactly one kit per job interview, with its own id. <c>exercises</c> is the kit's live
/// text (HTML); take-home tests are graded blind (both anonymize flags set).
/// </summary>
public sealed record V3InterviewKitDto(
    long Id, long JobId, long JobInterviewId, string? Exercises, bool AnonymizeCandidate, bool AnonymizeResumes,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>GET /v3/default_interviewers item: one user of an interview kit's default panel (individual users only).</summary>
public sealed record V3DefaultInterviewerDto(long Id, long UserId, long InterviewKitId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An interview kit: its step's <see cref="InterviewStep.Kit"/>, listed under the kit's own id.</summary>
internal sealed record KitRow(long Id, InterviewStep Step) : IEntity
{
    public static KitRow Of(InterviewStep step) => new(step.Kit.Id, step);
}

/// <summary>A default interviewer; its id is derived (kit id × 1000 + position + 1), stable as panels never change once made.</summary>
internal sealed record DefaultInterviewerRow(long Id, InterviewStep Step, long UserId) : IEntity
{
    public static IEnumerable<DefaultInterviewerRow> Of(InterviewStep step) =>
        step.DefaultInterviewerUserIds.Select((userId, i) => new DefaultInterviewerRow(step.Kit.Id * 1000 + i + 1, step, userId));
}

/// <summary>The interview plan: stages → job interviews (slots) → interview kits → default interviewers.</summary>
internal static class V3InterviewPlan
{
    private static readonly string[] SchedulingTypes = ["none", "needs_scheduling", "take_home_test", "offer"];

    public static void MapV3InterviewPlan(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.JobInterviewStagesList, ListStages, "job_ids", "active");
        routes.MapV3List(HarvestV3Scopes.JobInterviewsList, ListJobInterviews, "job_interview_stage_ids", "job_ids", "active", "scheduling_type");
        routes.MapV3List(HarvestV3Scopes.InterviewKitsList, ListKits, "job_ids", "job_interview_ids");
        routes.MapV3List(HarvestV3Scopes.DefaultInterviewersList, ListDefaultInterviewers, "user_ids", "interview_kit_ids");
    }

    /// <summary>
    /// Derived from the step (the store keeps no type): schedulable → needs_scheduling; otherwise offer for the
    /// Offer stage or an offer step, take_home_test for take-home steps, else none.
    /// </summary>
    public static string SchedulingType(InterviewStep step, JobStage? stage)
    {
        if (step.Schedulable)
        {
            return "needs_scheduling";
        }

        if (stage?.Name == "Offer" || step.Name.Contains("Offer", StringComparison.OrdinalIgnoreCase))
        {
            return "offer";
        }

        return step.Name.Contains("Take Home", StringComparison.OrdinalIgnoreCase) ? "take_home_test" : "none";
    }

    /// <summary>GET /v3/job_interview_stages: <c>ids</c>, <c>job_ids</c>, <c>active</c>, <c>created_at</c>/<c>updated_at</c> (not both).</summary>
    private static IResult ListStages(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        var active = q.Bool("active");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        return call.Page(
            (data, before) =>
                ids is not null ? Descending.Sorted(ids.Select(data.JobStages.Find).OfType<JobStage>(), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(data.Jobs.Find).OfType<Job>().SelectMany(j => j.Stages), before)
                : Descending.From(data.JobStages.Items, before),
            s => visible(s.JobId) && (jobIds is null || jobIds.Contains(s.JobId)) && (active is null || s.Active == active) &&
                 created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt),
            (_, s) => new V3JobInterviewStageDto(s.Id, s.JobId, s.Name, s.Priority, s.Active, s.CreatedAt, s.UpdatedAt),
            HarvestV3Json.ListV3JobInterviewStageDto);
    }

    /// <summary>GET /v3/job_interviews: <c>ids</c>, <c>job_ids</c>, <c>job_interview_stage_ids</c>, <c>active</c>, <c>scheduling_type</c>, dates.</summary>
    private static IResult ListJobInterviews(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        var stageIds = q.Ids("job_interview_stage_ids");
        var active = q.Bool("active");
        var schedulingType = q.OneOf("scheduling_type", SchedulingTypes);
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        var data = call.Data;
        return call.Page(
            (d, before) =>
                ids is not null ? Descending.Sorted(ids.Select(d.InterviewSteps.Find).OfType<InterviewStep>(), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(d.Jobs.Find).OfType<Job>().SelectMany(j => j.Stages).SelectMany(s => s.Interviews), before)
                : Descending.From(d.InterviewSteps.Items, before),
            step =>
            {
                var stage = data.StageOf(step);
                return stage is not null && visible(stage.JobId) && (jobIds is null || jobIds.Contains(stage.JobId)) &&
                       (stageIds is null || stageIds.Contains(step.StageId)) && (active is null || stage.Active == active) &&
                       (schedulingType is null || SchedulingType(step, stage) == schedulingType) &&
                       created.Contains(step.CreatedAt) && updated.Contains(step.UpdatedAt);
            },
            (d, step) =>
            {
                var stage = d.StageOf(step)!;
                return new V3JobInterviewDto(step.Id, stage.JobId, step.StageId, step.Name, stage.Interviews.IndexOf(step) + 1,
                    SchedulingType(step, stage), step.EstimatedMinutes, step.Schedulable, stage.Active, step.CreatedAt, step.UpdatedAt);
            },
            HarvestV3Json.ListV3JobInterviewDto);
    }

    /// <summary>GET /v3/interview_kits: <c>ids</c>, <c>job_ids</c>, <c>job_interview_ids</c>, <c>created_at</c>/<c>updated_at</c>.</summary>
    private static IResult ListKits(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        var stepIds = q.Ids("job_interview_ids");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        var data = call.Data;
        return call.Page(
            (d, before) => Descending.Sorted(Steps(d, stepIds, jobIds).Select(KitRow.Of), before),
            row =>
            {
                var stage = data.StageOf(row.Step);
                return stage is not null && visible(stage.JobId) && (ids is null || ids.Contains(row.Id)) &&
                       (jobIds is null || jobIds.Contains(stage.JobId)) && created.Contains(row.Step.CreatedAt) && updated.Contains(row.Step.CreatedAt);
            },
            (d, row) =>
            {
                var stage = d.StageOf(row.Step)!;
                var blind = SchedulingType(row.Step, stage) == "take_home_test";
                return new V3InterviewKitDto(row.Id, stage.JobId, row.Step.Id, row.Step.Kit.Content, blind, blind, row.Step.CreatedAt, row.Step.CreatedAt);
            },
            HarvestV3Json.ListV3InterviewKitDto);
    }

    /// <summary>GET /v3/default_interviewers: <c>ids</c>, <c>interview_kit_ids</c>, <c>user_ids</c>, <c>created_at</c>/<c>updated_at</c>.</summary>
    private static IResult ListDefaultInterviewers(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var kitIds = q.Ids("interview_kit_ids");
        var userIds = q.Ids("user_ids");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        var data = call.Data;
        return call.Page(
            (d, before) => Descending.Sorted(
                (kitIds is null ? d.InterviewSteps.Items : d.InterviewSteps.Items.Where(s => kitIds.Contains(s.Kit.Id))).SelectMany(DefaultInterviewerRow.Of),
                before),
            row => data.StageOf(row.Step) is { } stage && visible(stage.JobId) && (ids is null || ids.Contains(row.Id)) &&
                   (userIds is null || userIds.Contains(row.UserId)) && created.Contains(row.Step.CreatedAt) && updated.Contains(row.Step.CreatedAt),
            (_, row) => new V3DefaultInterviewerDto(row.Id, row.UserId, row.Step.Kit.Id, row.Step.CreatedAt, row.Step.CreatedAt),
            HarvestV3Json.ListV3DefaultInterviewerDto);
    }

    private static IEnumerable<InterviewStep> Steps(OrgData data, HashSet<long>? stepIds, HashSet<long>? jobIds) =>
        stepIds is not null ? stepIds.Select(data.InterviewSteps.Find).OfType<InterviewStep>()
        : jobIds is not null ? jobIds.Select(data.Jobs.Find).OfType<Job>().SelectMany(j => j.Stages).SelectMany(s => s.Interviews)
        : data.InterviewSteps.Items;
}
