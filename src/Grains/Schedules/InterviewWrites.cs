using GemScheduling.Greenhouse;
using GemScheduling.Orgs;

namespace GemScheduling.Schedules;

/// <summary>
/// A schedule's interview writes to Greenhouse, exactly once, free of the grain: an attempt is recorded (through
/// <paramref name="recordAttempt"/>) before a create that may land, a later attempt looks for it by its external event
/// id before creating again, updates send absolute values, and deletes of what never landed are skipped.
/// </summary>
internal sealed class InterviewWrites(
    ScheduleState state, string scheduleId, Func<Task<(IGreenhouse Greenhouse, GreenhouseAccess Access)>> connect, Func<MutationRecord, Task> recordAttempt)
{
    /// <param name="armed">The marker was stored with the change that asked for this write, and it has not been tried since.</param>
    public async Task<Outcome> CreateAsync(MutationRecord mutation, bool armed = false)
    {
        var interview = state.Interview(mutation.InterviewId!);
        if (interview.GreenhouseId is { } known)
            return Outcome.Done(known, "already in Greenhouse");
        var (client, access) = await connect();
        if (access.Lacks(GreenhousePermission.InterviewsCreate) is { } missing)
            return Outcome.Fail(missing.Explanation);
        if (mutation.Attempts - (armed ? 1 : 0) > 0 && await FindByExternalIdAsync(client, interview.Plan.Id) is { } landed)
            return Outcome.Done(landed.Id, "found in Greenhouse after an unconfirmed attempt");
        if (interview.Removed)
            return Outcome.Skip("Removed before it reached Greenhouse.");

        await recordAttempt(mutation);
        var plan = interview.Plan;
        var created = await client.CreateInterviewAsync(state.ApplicationId, plan, ScheduleTexts.ExternalEventId(scheduleId, plan.Id), state.Organizer.UserId, default);
        return Outcome.Done(created);
    }

    public async Task<Outcome> UpdateAsync(MutationRecord mutation)
    {
        var interview = state.Interview(mutation.InterviewId!);
        if (interview.Removed)
            return Outcome.Skip("Removed from the schedule; the delete replaces this update.");
        if (interview.GreenhouseId is not { } greenhouseId)
            return NotInGreenhouse(interview);
        var (client, access) = await connect();
        if (access.Lacks(GreenhousePermission.InterviewsUpdate) is { } missing)
            return Outcome.Fail(missing.Explanation);

        var plan = interview.Plan;
        try
        {
            // Absolute values (including the whole panel), so a repeated update is harmless.
            await client.UpdateInterviewAsync(greenhouseId, plan, state.Organizer.UserId, default);
            return Outcome.Done(greenhouseId);
        }
        catch (GreenhouseException ex) when (ex.Kind is GreenhouseFailure.NotFound or GreenhouseFailure.Rejected)
        {
            return Outcome.Fail(ex.Describe()) with
            {
                Drift = (plan.Id, ex.Kind == GreenhouseFailure.NotFound ? DriftKind.DeletedInGreenhouse : DriftKind.NotUpdatableInGreenhouse,
                    $"Greenhouse refused the update of interview {greenhouseId}: {ex.GreenhouseMessage}"),
            };
        }
    }

    public async Task<Outcome> DeleteAsync(MutationRecord mutation)
    {
        var interview = state.Interview(mutation.InterviewId!);
        var (client, access) = await connect();
        var greenhouseId = interview.GreenhouseId;
        if (greenhouseId is null)
        {
            var create = state.Outbox.FirstOrDefault(m => m.Kind == MutationKind.CreateInterview && m.InterviewId == interview.Plan.Id);
            if (create is null || create.Attempts == 0)
                return Outcome.Skip("Never reached Greenhouse.");
            greenhouseId = (await FindByExternalIdAsync(client, interview.Plan.Id))?.Id;
            if (greenhouseId is null)
                return Outcome.Skip("Never reached Greenhouse.");
        }

        if (access.Lacks(GreenhousePermission.InterviewsDelete) is { } missing)
            return Outcome.Fail(missing.Explanation);
        try
        {
            await client.DeleteInterviewAsync(greenhouseId.Value, state.Organizer.UserId, default);
            return Outcome.Done(greenhouseId);
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.NotFound)
        {
            return Outcome.Done(greenhouseId, "already gone from Greenhouse");
        }
    }

    private Outcome NotInGreenhouse(InterviewRecord interview)
    {
        var create = state.Outbox.FirstOrDefault(m => m.Kind == MutationKind.CreateInterview && m.InterviewId == interview.Plan.Id);
        return create?.Status switch
        {
            MutationStatus.Failed => Outcome.Fail($"Not in Greenhouse: creating it failed ({create.LastError})."),
            MutationStatus.Skipped => Outcome.Skip("Not in Greenhouse."),
            _ => Outcome.Retry("Waiting for the interview to be created in Greenhouse."),
        };
    }

    private async Task<GreenhouseInterview?> FindByExternalIdAsync(IGreenhouse client, string interviewId)
    {
        var externalId = ScheduleTexts.ExternalEventId(scheduleId, interviewId);
        return (await client.InterviewsAsync(state.ApplicationId, externalId, default)).FirstOrDefault(i => i.ExternalEventId == externalId);
    }
}
