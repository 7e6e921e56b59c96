using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Applications;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Schedules;
using GemScheduling.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Applications;

/// <summary>An interview step still to schedule in the application's current stage, with its default interviewers.</summary>
public sealed record StepToSchedule(InterviewStep Step, IReadOnlyList<GreenhouseUser> DefaultInterviewers);

/// <summary>Everything a coordinator needs to schedule one application.</summary>
public sealed record ApplicationContext(
    Application Application,
    Candidate? Candidate,
    Job? Job,
    JobStage? CurrentStage,
    IReadOnlyList<StepToSchedule> StepsToSchedule,
    GemScheduling.Availability.CandidateAvailability Availability,
    IReadOnlyList<ScheduleView> Schedules);

internal static class ApplicationContextApi
{
    public static IEndpointRouteBuilder MapApplicationContext(this IEndpointRouteBuilder routes)
    {
        routes.MapOrgGroup("/applications", "Greenhouse data").MapGet("/{applicationId:long}", Get)
            .WithSummary("The application context: candidate, job, current stage, interview steps left to schedule with default interviewers, and its schedules.");
        return routes;
    }

    private static async Task<Results<Ok<ApplicationContext>, ProblemHttpResult>> Get(
        string orgId, long applicationId, IGreenhouseReadModel readModel, IGrainFactory grains, CancellationToken ct) =>
        await ReadAsync(orgId, applicationId, readModel, grains, ct) is { } context
            ? TypedResults.Ok(context)
            : Problems.NotFound("application", applicationId.ToString());

    /// <summary>The application's context as the API answers it (the console shows the same); null for an unknown application.</summary>
    internal static async Task<ApplicationContext?> ReadAsync(
        string orgId, long applicationId, IGreenhouseReadModel readModel, IGrainFactory grains, CancellationToken ct)
    {
        var application = await readModel.GetAsync<Application>(orgId, applicationId, ct);
        if (application is null)
            return null;

        var job = application.JobId is { } jobId ? await readModel.GetAsync<Job>(orgId, jobId, ct) : null;
        if (job is null && application.JobId is { } unknownJob)
        {
            await grains.Grain<ISyncGrain>(orgId).SyncJob(unknownJob, "application-context");
            job = await readModel.GetAsync<Job>(orgId, unknownJob, ct);
        }

        var stages = job is null ? [] : (await readModel.ListAsync<JobStage>(orgId, new ReadQuery { JobId = job.Id, Limit = 500 }, ct)).Items;
        var stage = stages.FirstOrDefault(s => s.Id == application.CurrentStageId);

        var applicationGrain = grains.Grain<IApplicationGrain>(IApplicationGrain.Key(orgId, applicationId));
        var scheduleIds = (await applicationGrain.GetSchedules()).ScheduleIds;
        var schedules = (await Task.WhenAll(scheduleIds.Select(id => grains.Grain<IScheduleGrain>(IScheduleGrain.Key(orgId, id)).Get())))
            .OfType<ScheduleView>().ToList();
        var scheduled = schedules.Where(s => s.Status == ScheduleStatus.Active).SelectMany(s => s.Interviews).Select(i => i.InterviewStepId).ToHashSet();

        var steps = stage is { Active: true } ? stage.InterviewSteps.Where(i => i.Schedulable && !scheduled.Contains(i.Id)).ToList() : [];
        var interviewers = (await readModel.GetManyAsync<GreenhouseUser>(orgId, steps.SelectMany(s => s.DefaultInterviewerIds).Distinct().ToList(), ct))
            .ToDictionary(u => u.Id);
        return new ApplicationContext(
            application, await readModel.GetAsync<Candidate>(orgId, application.CandidateId, ct), job, stage,
            steps.Select(s => new StepToSchedule(s, s.DefaultInterviewerIds.Select(interviewers.GetValueOrDefault).OfType<GreenhouseUser>().ToList())).ToList(),
            await applicationGrain.GetAvailability(TimeSpan.FromMinutes(10)), schedules);
    }
}
