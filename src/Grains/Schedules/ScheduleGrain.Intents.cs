using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>The writes a change asks for: interview intents, the hiring team's note, the candidate's email and its log entry.</summary>
public sealed partial class ScheduleGrain
{
    private MutationRequested Intent(MutationKind kind, string? interviewId, string? note = null, EmailMessage? email = null) =>
        new(NewId("mut"), kind, interviewId, note, email, Now);

    private MutationRequested NoteIntent(ActingUser organizer, IEnumerable<PlannedInterview> interviews, string headline, string? reason)
    {
        var id = NewId("mut");
        return new MutationRequested(id, MutationKind.AddNote, null, ScheduleTexts.Note(headline, interviews, organizer, reason, id), null, Now);
    }

    /// <summary>The note for the hiring team, then the candidate's email and the entry logging exactly that email.</summary>
    private async Task<IReadOnlyList<ScheduleEvent>> CandidateWritesAsync(
        ScheduleContext context, ActingUser organizer, IReadOnlyList<PlannedInterview> interviews, string template, string headline,
        string? reason, bool cancel, int version, bool? selfService = null)
    {
        var note = NoteIntent(organizer, interviews, headline, reason);
        var to = context.Candidate?.Emails.FirstOrDefault();
        if (to is null)
            return [note, Intent(MutationKind.SendEmail, null), Intent(MutationKind.LogEmail, null)];

        var templates = await GrainFactory.Grain<IOrgGrain>(OrgId).GetEmailTemplates();
        var jobName = context.ExternalJobName;
        var emailId = NewId("eml");
        var ics = ScheduleTexts.Ics(ScheduleId, interviews, organizer, to, version, cancel, Now);
        var email = ScheduleTexts.Email(emailId, templates.Single(t => t.Kind == template), to, emailOptions.From ?? organizer.Email,
            context.Candidate, jobName, organizer, interviews, reason, ics, manageLink: !cancel && (selfService ?? State.BookingLinkId is not null));
        return [note, Intent(MutationKind.SendEmail, null, email: email with { Method = cancel ? CalendarMethod.Cancel : CalendarMethod.Request }),
            Intent(MutationKind.LogEmail, null, email: email)];
    }

    /// <summary>A calendar invitation (or withdrawal) email for each interviewer whose interviews changed, sent by the outbox like the candidate's.</summary>
    private IEnumerable<ScheduleEvent> InterviewerWrites(
        ScheduleContext context, ActingUser organizer, IReadOnlyList<PlannedInterview> before, IReadOnlyList<PlannedInterview> after, int version) =>
        InterviewerInvitations.For(ScheduleId, () => NewId("eml"), before, after, organizer, emailOptions.From ?? organizer.Email,
                context.Candidate?.DisplayName ?? "the candidate", context.Job?.Name ?? "", version, Now, links.SchedulePageUrl(ScheduleId))
            .Select(email => Intent(MutationKind.SendEmail, null, email: email));
}
