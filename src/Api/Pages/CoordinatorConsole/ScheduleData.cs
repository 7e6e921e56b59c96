using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Schedules;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>What a schedule's console page shows: the schedule as the API's GET answers it, its history, and who it is for.</summary>
public sealed record SchedulePageModel(
    string OrgName, ScheduleView Schedule, IReadOnlyList<HistoryEntry> History, Candidate? Candidate, string? Notice, bool CanRetry, FormToken Antiforgery)
{
    public bool AnyFailed => Schedule.Mutations.Any(m => m.Status == MutationStatus.Failed);

    public string StepOf(string? interviewId) => Schedule.Interviews.FirstOrDefault(i => i.Id == interviewId)?.InterviewStepName ?? "";
}

internal static class ScheduleData
{
    public static async Task<SchedulePageModel?> ReadAsync(string orgId, string scheduleId, IGrainFactory grains, IGreenhouseReadModel readModel,
        string? notice, bool canRetry, FormToken antiforgery, CancellationToken ct)
    {
        IScheduleGrain schedule;
        try
        {
            schedule = Schedules.SchedulesApi.Schedule(grains, orgId, scheduleId);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }

        if (await schedule.Get() is not { } view)
            return null;
        return new SchedulePageModel(await ConsoleData.OrgNameAsync(grains, orgId), view, await schedule.History(),
            await readModel.GetAsync<Candidate>(orgId, view.CandidateId, ct), notice, canRetry, antiforgery);
    }

    /// <summary>What the page shows that can change while it is open: each write's progress, drift, and the version (history).</summary>
    public static string Fingerprint(ScheduleView? view) => view is null
        ? "gone"
        : string.Join('|', view.Version, view.Status, view.WriteBack,
            string.Join(',', view.Interviews.Select(i => $"{i.Id}:{i.WriteBack}:{i.GreenhouseInterviewId}")),
            string.Join(',', view.Mutations.Select(m => $"{m.Id}:{m.Status}:{m.Attempts}")),
            string.Join(',', view.Drift.Select(d => $"{d.InterviewId}:{d.Kind}:{d.DetectedAt:O}")));
}
