using GemScheduling.Applications;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>
/// Each kind of outbox write, exactly once: an attempt is recorded before a write that may land, and a later attempt
/// looks for it in Greenhouse (by external event id, or on the activity feed) before writing again. Interview writes
/// live in <see cref="InterviewWrites"/>; notes and logged emails go through the application grain.
/// </summary>
public sealed partial class ScheduleGrain
{
    private async Task<(IGreenhouse Greenhouse, GreenhouseAccess Access)> ClientAsync(GreenhouseLane readLane = GreenhouseLane.Write)
    {
        var access = await AccessAsync();
        return (greenhouses.For(access, readLane), access);
    }

    private InterviewWrites Interviews => new(Current, ScheduleId, () => ClientAsync(), RecordAttemptAsync);

    private Task<Outcome> CreateInterviewAsync(MutationRecord mutation, bool armed) => Interviews.CreateAsync(mutation, armed);

    private Task<Outcome> UpdateInterviewAsync(MutationRecord mutation) => Interviews.UpdateAsync(mutation);

    private Task<Outcome> DeleteInterviewAsync(MutationRecord mutation) => Interviews.DeleteAsync(mutation);

    private async Task<Outcome> AddNoteAsync(MutationRecord mutation, bool armed)
    {
        var (_, access) = await ClientAsync();
        if (access.Lacks(GreenhousePermission.CandidatesAddNote) is { } missing)
            return Outcome.Skip(missing.Explanation, SkipReason.MissingPermission);
        var mayAlreadyExist = mutation.Attempts - (armed ? 1 : 0) > 0;
        if (mayAlreadyExist && access.Lacks(GreenhousePermission.ActivityFeedRetrieve) is not null)
            return Outcome.Fail("An earlier attempt may have added this note, and without \"Activity Feed: Retrieve Activity Feed\" GemScheduling cannot check; not adding it twice.");

        await RecordAttemptAsync(mutation);
        var result = await Application.AddNote(new CandidateNote(mutation.Id, State.CandidateId, mutation.NoteBody!, options.NoteVisibility,
            State.Organizer.UserId, mayAlreadyExist));
        return Outcome.Done(result.GreenhouseId, result.AlreadyPresent ? "already on the activity feed" : null);
    }

    private async Task<Outcome> SendEmailAsync(MutationRecord mutation)
    {
        if (mutation.Email is not { } email)
            return Outcome.Skip("The candidate has no email address in Greenhouse, so no email was sent.", SkipReason.NoCandidateEmail);
        var logged = ScheduleTexts.WithoutManageLink(email.Body);
        if (State.BookingLinkId is { } linkId)
            email = email with { Body = email.Body.Replace(ScheduleTexts.ManageLinkMarker, links.ManageUrl(OrgId, State.ApplicationId, linkId)) };
        var sent = await emails.SendAsync(OrgId, ScheduleId, State.ApplicationId, State.CandidateId, email, CancellationToken.None, logged);
        return Outcome.Done(null, $"sent via {sent.Transport} to {sent.To}");
    }

    private async Task<Outcome> LogEmailAsync(MutationRecord mutation, bool armed)
    {
        if (mutation.Email is not { } email)
            return Outcome.Skip("No email was sent, so none is logged.");
        var send = Current.Outbox.Single(m => m.Kind == MutationKind.SendEmail && m.Email?.EmailId == email.EmailId);
        if (send.Status != MutationStatus.Succeeded)
            return Outcome.Skip("The email was not sent, so it is not logged.");
        var (_, access) = await ClientAsync();
        if (access.Lacks(GreenhousePermission.CandidatesAddEmail) is { } missing)
            return Outcome.Skip("The email was sent but not logged to Greenhouse: " + missing.Explanation, SkipReason.MissingPermission);
        var mayAlreadyExist = mutation.Attempts - (armed ? 1 : 0) > 0;
        if (mayAlreadyExist && access.Lacks(GreenhousePermission.ActivityFeedRetrieve) is not null)
            return Outcome.Fail("An earlier attempt may have logged this email, and without \"Activity Feed: Retrieve Activity Feed\" GemScheduling cannot check; not logging it twice.");

        await RecordAttemptAsync(mutation);
        // The email carries its own id as its reference (what was sent is what is logged, less the manage link), so that is the id
        // the activity feed is searched for after an unconfirmed attempt.
        var result = await Application.LogEmail(new CandidateEmail(email.EmailId, State.CandidateId, email.To, email.From, email.Cc, email.Subject,
            ScheduleTexts.WithoutManageLink(email.Body), State.Organizer.UserId, mayAlreadyExist));
        return Outcome.Done(result.GreenhouseId, result.AlreadyPresent ? "already on the activity feed" : null);
    }

    private IApplicationGrain Application => GrainFactory.Grain<IApplicationGrain>(IApplicationGrain.Key(OrgId, State.ApplicationId));
}
