using GemScheduling.Applications;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>
/// Each kind of outbox write, exactly once: an attempt is recorded before a write that may land, and a later attempt
/// looks for it in Greenhouse (by external event id, or on the activity feed) before writing again.
/// </summary>
public sealed partial class ScheduleGrain
{
    private async Task<(IGreenhouse Greenhouse, GreenhouseAccess Access)> ClientAsync(GreenhouseLane readLane = GreenhouseLane.Write)
    {
        var access = await AccessAsync();
        return (greenhouses.For(access, readLane), access);
    }

    private async Task<Outcome> CreateInterviewAsync(MutationRecord mutation)
    {
        var interview = State.Interview(mutation.InterviewId!);
        if (interview.GreenhouseId is { } known)
            return Outcome.Done(known, "already in Greenhouse");
        var (client, access) = await ClientAsync();
        if (access.Lacks(GreenhousePermission.InterviewsCreate) is { } missing)
            return Outcome.Fail(missing.Explanation);
        if (mutation.Attempts > 0 && await FindByExternalIdAsync(client, interview.Plan.Id) is { } landed)
            return Outcome.Done(landed.Id, "found in Greenhouse after an unconfirmed attempt");
        if (interview.Removed)
            return Outcome.Skip("Removed before it reached Greenhouse.");

        await ExecuteAsync(_ => [new MutationAttempted(mutation.Id, mutation.Attempts + 1, Now)]);
        var plan = interview.Plan;
        var created = await client.CreateInterviewAsync(State.ApplicationId, plan, ScheduleTexts.ExternalEventId(ScheduleId, plan.Id), State.Organizer.UserId, default);
        return Outcome.Done(created);
    }

    private async Task<Outcome> UpdateInterviewAsync(MutationRecord mutation)
    {
        var interview = State.Interview(mutation.InterviewId!);
        if (interview.Removed)
            return Outcome.Skip("Removed from the schedule; the delete replaces this update.");
        if (interview.GreenhouseId is not { } greenhouseId)
            return NotInGreenhouse(interview);
        var (client, access) = await ClientAsync();
        if (access.Lacks(GreenhousePermission.InterviewsUpdate) is { } missing)
            return Outcome.Fail(missing.Explanation);

        var plan = interview.Plan;
        try
        {
            // Absolute values (including the whole panel), so a repeated update is harmless.
            await client.UpdateInterviewAsync(greenhouseId, plan, State.Organizer.UserId, default);
            return Outcome.Done(greenhouseId);
        }
        catch (GreenhouseException ex) when (ex.Kind is GreenhouseFailure.NotFound or GreenhouseFailure.Rejected)
        {
            return Outcome.Fail(ex.Describe()) with
            {
                Drift = (plan.Id, ex.Kind == GreenhouseFailure.NotFound ? "deleted_in_greenhouse" : "not_updatable_in_greenhouse",
                    $"Greenhouse refused the update of interview {greenhouseId}: {ex.GreenhouseMessage}"),
            };
        }
    }

    private async Task<Outcome> DeleteInterviewAsync(MutationRecord mutation)
    {
        var interview = State.Interview(mutation.InterviewId!);
        var (client, access) = await ClientAsync();
        var greenhouseId = interview.GreenhouseId;
        if (greenhouseId is null)
        {
            var create = State.Outbox.FirstOrDefault(m => m.Kind == MutationKind.CreateInterview && m.InterviewId == interview.Plan.Id);
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
            await client.DeleteInterviewAsync(greenhouseId.Value, State.Organizer.UserId, default);
            return Outcome.Done(greenhouseId);
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.NotFound)
        {
            return Outcome.Done(greenhouseId, "already gone from Greenhouse");
        }
    }

    private async Task<Outcome> AddNoteAsync(MutationRecord mutation)
    {
        var (_, access) = await ClientAsync();
        if (access.Lacks(GreenhousePermission.CandidatesAddNote) is { } missing)
            return Outcome.Skip(missing.Explanation, SkipReason.MissingPermission);
        if (mutation.Attempts > 0 && access.Lacks(GreenhousePermission.ActivityFeedRetrieve) is not null)
            return Outcome.Fail("An earlier attempt may have added this note, and without \"Activity Feed: Retrieve Activity Feed\" GemScheduling cannot check; not adding it twice.");

        // Read before recording the attempt: the record is live state, so afterwards it always counts this try.
        var mayAlreadyExist = mutation.Attempts > 0;
        await ExecuteAsync(_ => [new MutationAttempted(mutation.Id, mutation.Attempts + 1, Now)]);
        var result = await Application.AddNote(new CandidateNote(mutation.Id, State.CandidateId, mutation.NoteBody!, options.NoteVisibility,
            State.Organizer.UserId, mayAlreadyExist));
        return Outcome.Done(result.GreenhouseId, result.AlreadyPresent ? "already on the activity feed" : null);
    }

    private async Task<Outcome> SendEmailAsync(MutationRecord mutation)
    {
        if (mutation.Email is not { } email)
            return Outcome.Skip("The candidate has no email address in Greenhouse, so no email was sent.", SkipReason.NoCandidateEmail);
        var sent = await emails.SendAsync(OrgId, ScheduleId, State.ApplicationId, State.CandidateId, email, CancellationToken.None);
        return Outcome.Done(null, $"sent via {sent.Transport} to {sent.To}");
    }

    private async Task<Outcome> LogEmailAsync(MutationRecord mutation)
    {
        if (mutation.Email is not { } email)
            return Outcome.Skip("No email was sent, so none is logged.");
        var send = State.Outbox.Single(m => m.Kind == MutationKind.SendEmail && m.Email?.EmailId == email.EmailId);
        if (send.Status != MutationStatus.Succeeded)
            return Outcome.Skip("The email was not sent, so it is not logged.");
        var (_, access) = await ClientAsync();
        if (access.Lacks(GreenhousePermission.CandidatesAddEmail) is { } missing)
            return Outcome.Skip("The email was sent but not logged to Greenhouse: " + missing.Explanation, SkipReason.MissingPermission);
        if (mutation.Attempts > 0 && access.Lacks(GreenhousePermission.ActivityFeedRetrieve) is not null)
            return Outcome.Fail("An earlier attempt may have logged this email, and without \"Activity Feed: Retrieve Activity Feed\" GemScheduling cannot check; not logging it twice.");

        var mayAlreadyExist = mutation.Attempts > 0;
        await ExecuteAsync(_ => [new MutationAttempted(mutation.Id, mutation.Attempts + 1, Now)]);
        // The email carries its own id as its reference (what was sent is exactly what is logged), so that is the id
        // the activity feed is searched for after an unconfirmed attempt.
        var result = await Application.LogEmail(new CandidateEmail(email.EmailId, State.CandidateId, email.To, email.From, email.Cc, email.Subject,
            email.Body, State.Organizer.UserId, mayAlreadyExist));
        return Outcome.Done(result.GreenhouseId, result.AlreadyPresent ? "already on the activity feed" : null);
    }

    private IApplicationGrain Application => GrainFactory.GetGrain<IApplicationGrain>(IApplicationGrain.Key(OrgId, State.ApplicationId));

    private Outcome NotInGreenhouse(InterviewRecord interview)
    {
        var create = State.Outbox.FirstOrDefault(m => m.Kind == MutationKind.CreateInterview && m.InterviewId == interview.Plan.Id);
        return create?.Status switch
        {
            MutationStatus.Failed => Outcome.Fail($"Not in Greenhouse: creating it failed ({create.LastError})."),
            MutationStatus.Skipped => Outcome.Skip("Not in Greenhouse."),
            _ => Outcome.Retry("Waiting for the interview to be created in Greenhouse."),
        };
    }

    private async Task<GreenhouseInterview?> FindByExternalIdAsync(IGreenhouse client, string interviewId)
    {
        var externalId = ScheduleTexts.ExternalEventId(ScheduleId, interviewId);
        return (await client.InterviewsAsync(State.ApplicationId, externalId, default)).FirstOrDefault(i => i.ExternalEventId == externalId);
    }
}
