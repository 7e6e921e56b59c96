using System.Text;
using GemScheduling.Orgs;

namespace GemScheduling.Schedules;

/// <summary>
/// Calendar invitations for interviewers, so an interview lands in whatever calendar they use: on every change each
/// interviewer whose interviews changed gets one email whose iCalendar part books (REQUEST) the interviews they are on
/// and, separately, one that withdraws (CANCEL) those they left. The UID is the interview's (the same as the candidate's
/// invite and Greenhouse's external event id) and SEQUENCE is the schedule's revision, so calendars apply them in order.
/// </summary>
public static class InterviewerInvitations
{
    public const string Invitation = Persistence.Emails.SentEmailKinds.InterviewerInvitation;
    public const string Cancellation = Persistence.Emails.SentEmailKinds.InterviewerCancellation;

    public static IReadOnlyList<EmailMessage> For(
        string scheduleId, Func<string> newEmailId, IReadOnlyList<PlannedInterview> before, IReadOnlyList<PlannedInterview> after,
        ActingUser organizer, string from, string candidateName, string jobName, int sequence, DateTimeOffset now, string? schedulePage = null)
    {
        var messages = new List<EmailMessage>();
        var interviewers = before.Concat(after).SelectMany(p => p.Interviewers).Where(i => i.Email is { Length: > 0 })
            .GroupBy(i => Key(i.Email!)).Select(g => g.First());
        foreach (var interviewer in interviewers)
        {
            var email = interviewer.Email!.Trim();
            var was = On(before, email);
            var now_ = On(after, email);
            if (was.Select(Shape).SequenceEqual(now_.Select(Shape)))
                continue;
            if (now_.Count > 0)
                messages.Add(Message(newEmailId(), scheduleId, Invitation, email, from, organizer, candidateName, jobName, now_, sequence, now,
                    $"Interview with {candidateName}" + (jobName.Length > 0 ? $" for {jobName}" : ""), "You are interviewing", schedulePage));
            var left = was.Where(p => now_.All(n => n.Id != p.Id)).ToList();
            if (left.Count > 0)
                messages.Add(Message(newEmailId(), scheduleId, Cancellation, email, from, organizer, candidateName, jobName, left, sequence, now,
                    $"Cancelled: interview with {candidateName}", "You are no longer interviewing", schedulePage));
        }

        return messages;
    }

    private static EmailMessage Message(
        string emailId, string scheduleId, string kind, string to, string from, ActingUser organizer, string candidateName, string jobName,
        IReadOnlyList<PlannedInterview> interviews, int sequence, DateTimeOffset now, string subject, string lead, string? schedulePage)
    {
        var cancel = kind == Cancellation;
        var body = new StringBuilder().Append(lead).Append(' ').Append(candidateName);
        if (jobName.Length > 0)
            body.Append(" for ").Append(jobName);
        body.Append(cancel ? " in:" : ":").AppendLine();
        foreach (var interview in interviews.OrderBy(i => i.Start))
            body.AppendLine().Append("• ").Append(ScheduleTexts.Line(interview, withInterviewers: true));
        body.AppendLine().AppendLine().Append("Organized by ").Append(organizer.Name ?? organizer.Email).Append('.');
        if (schedulePage is not null)
            body.AppendLine().Append("The schedule: ").Append(schedulePage);
        body.AppendLine().AppendLine().Append(ScheduleTexts.Reference(emailId));
        var ics = ScheduleTexts.Ics(scheduleId, interviews, organizer, to, sequence, cancel, now, candidateName);
        return new EmailMessage(emailId, kind, to, from, [], subject, body.ToString(), ics, cancel ? CalendarMethod.Cancel : CalendarMethod.Request);
    }

    private static List<PlannedInterview> On(IEnumerable<PlannedInterview> interviews, string email) =>
        [.. interviews.Where(p => p.Interviewers.Any(i => i.Email is { } e && Key(e) == Key(email))).OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>What an interviewer's calendar entry shows; who else is on the panel is not part of it.</summary>
    private static (string, DateTimeOffset, DateTimeOffset, string, string?, string?) Shape(PlannedInterview p) =>
        (p.Id, p.Start, p.End, p.InterviewStepName, p.Location, p.VideoConferencingUrl);

    private static string Key(string email) => email.Trim().ToLowerInvariant();
}
