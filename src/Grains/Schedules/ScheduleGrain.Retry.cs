using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>Re-driving writes that failed for good: they go back to the outbox as new, with their attempts kept.</summary>
public sealed partial class ScheduleGrain
{
    public async Task<ScheduleView> RetryFailedWrites(string actor)
    {
        if (!State.Exists)
            throw new ResourceNotFoundException($"No schedule '{ScheduleId}' exists here.");
        var failed = State.Outbox.Where(m => m.Status == MutationStatus.Failed).Select(m => m.Id).ToList();
        if (failed.Count == 0)
            return View();
        await ExecuteAsync(s => failed.Where(id => s.Mutation(id).Status == MutationStatus.Failed)
            .Select(id => (ScheduleEvent)new MutationRedriven(id, Now, actor)).ToList(), actor);
        await AfterChangeAsync();
        return View();
    }
}
