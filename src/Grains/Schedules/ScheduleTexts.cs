using System.Globalization;
using System.Text;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;

namespace GemScheduling.Schedules;

/// <summary>What the candidate and the hiring team read: the activity-feed note, the candidate email and its invite.</summary>
public static class ScheduleTexts
{
    /// <summary>
    /// Every note and email carries the id of the write that made it, so after an ambiguous failure GemScheduling can
    /// look in the activity feed instead of writing it twice.
    /// </summary>
    public static string Reference(string writeId) => $"[GemScheduling ref {writeId}]";

    /// <summary>
    /// Stands for the candidate's manage link in a stored email. The link is a bearer secret, so it is put in only as the
    /// email is sent: it never sits in an event, and the copy logged to Greenhouse leaves it out.
    /// </summary>
    public const string ManageLinkMarker = "[[gemscheduling:manage-link]]";

    /// <summary>The email as Greenhouse logs it: the manage link's places say it was left out.</summary>
    public static string WithoutManageLink(string body) =>
        body.Replace(ManageLinkMarker + "#reschedule", LeftOut).Replace(ManageLinkMarker + "#cancel", LeftOut).Replace(ManageLinkMarker, LeftOut);

    private const string LeftOut = "(the candidate's own link, left out of this log)";

    public static string Note(string headline, IEnumerable<PlannedInterview> interviews, ActingUser organizer, string? reason, string writeId)
    {
        var text = new StringBuilder().Append(headline).Append(" by GemScheduling for ").Append(organizer.Name ?? organizer.Email).Append('.');
        if (reason is not null)
            text.Append(" Reason: ").Append(reason);
        text.AppendLine();
        foreach (var interview in interviews.OrderBy(i => i.Start))
            text.AppendLine().Append("• ").Append(Line(interview, withInterviewers: true));
        return text.AppendLine().AppendLine().Append(Reference(writeId)).ToString();
    }

    public static EmailMessage Email(
        string emailId, EmailTemplate template, string to, string from, Candidate? candidate, string jobName, ActingUser organizer,
        IReadOnlyList<PlannedInterview> interviews, string? reason, string? ics, bool manageLink = false)
    {
        var values = new Dictionary<string, string>
        {
            ["candidate_name"] = candidate?.DisplayName ?? "",
            ["candidate_first_name"] = candidate?.FirstName ?? candidate?.DisplayName ?? "",
            ["job_name"] = jobName,
            ["organizer_name"] = organizer.Name ?? organizer.Email,
            ["organizer_email"] = organizer.Email,
            ["interviews"] = string.Join("\n", interviews.OrderBy(i => i.Start).Select(i => "• " + Line(i, withInterviewers: false))),
            ["reason"] = reason ?? "",
        };
        var body = EmailTemplates.Fill(template.Body, values) + (manageLink ? $"\n\nTo move to another time: {ManageLinkMarker}#reschedule\nTo cancel: {ManageLinkMarker}#cancel" : "") + "\n\n" + Reference(emailId);
        return new EmailMessage(emailId, template.Kind, to, from, [], EmailTemplates.Fill(template.Subject, values), body, ics);
    }

    /// <summary>"Technical Interview — Tue, Dec 1, 2026, 10:00–11:00 (America/New_York)".</summary>
    public static string Line(PlannedInterview interview, bool withInterviewers)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(interview.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var start = TimeZoneInfo.ConvertTime(interview.Start, zone);
        var end = TimeZoneInfo.ConvertTime(interview.End, zone);
        var when = start.Date == end.Date
            ? $"{start.ToString("ddd, MMM d, yyyy, HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : $"{start.ToString("ddd, MMM d, yyyy, HH:mm", CultureInfo.InvariantCulture)} – {end.ToString("ddd, MMM d, HH:mm", CultureInfo.InvariantCulture)}";
        var line = $"{interview.InterviewStepName} — {when} ({interview.TimeZone})";
        if (withInterviewers && interview.Interviewers.Count > 0)
            line += " with " + string.Join(", ", interview.Interviewers.Select(i => i.Display));
        if (interview.Location is { Length: > 0 } location)
            line += $", {location}";
        if (interview.VideoConferencingUrl is { Length: > 0 } video)
            line += $", {video}";
        return line;
    }

    /// <summary>An RFC 5545 invite: one event per interview, REQUEST to book or update, CANCEL to withdraw.</summary>
    public static string Ics(
        string scheduleId, IReadOnlyList<PlannedInterview> interviews, ActingUser organizer, string attendeeEmail, int sequence, bool cancel, DateTimeOffset now,
        string? candidateName = null)
    {
        var ics = new StringBuilder()
            .Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GemScheduling//Interview Scheduling//EN\r\nCALSCALE:GREGORIAN\r\n")
            .Append("METHOD:").Append(cancel ? "CANCEL" : "REQUEST").Append("\r\n");
        foreach (var interview in interviews)
        {
            ics.Append("BEGIN:VEVENT\r\n");
            Line(ics, "UID", $"{ExternalEventId(scheduleId, interview.Id)}@gemscheduling");
            Line(ics, "SEQUENCE", sequence.ToString(CultureInfo.InvariantCulture));
            Line(ics, "DTSTAMP", Utc(now));
            Line(ics, "DTSTART", Utc(interview.Start));
            Line(ics, "DTEND", Utc(interview.End));
            Line(ics, "SUMMARY", Escape(candidateName is { Length: > 0 } ? $"{interview.InterviewStepName}: {candidateName}" : interview.InterviewStepName));
            if (interview.Location is { Length: > 0 } location)
                Line(ics, "LOCATION", Escape(location));
            if (interview.VideoConferencingUrl is { Length: > 0 } video)
                Line(ics, "URL", video);
            Line(ics, "ORGANIZER;CN=" + Escape(organizer.Name ?? organizer.Email), "mailto:" + organizer.Email);
            Line(ics, "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE", "mailto:" + attendeeEmail);
            Line(ics, "STATUS", cancel ? "CANCELLED" : "CONFIRMED");
            ics.Append("END:VEVENT\r\n");
        }

        return ics.Append("END:VCALENDAR\r\n").ToString();
    }

    /// <summary>The id Greenhouse stores as external_event_id; stable, so a retried create can be found again.</summary>
    public static string ExternalEventId(string scheduleId, string interviewId) => $"gs-{scheduleId}-{interviewId}";

    /// <summary>The interview id in an external event id of this schedule; null for another schedule's or anyone else's.</summary>
    public static string? InterviewIdIn(string scheduleId, string? externalEventId) =>
        externalEventId is not null && externalEventId.StartsWith($"gs-{scheduleId}-", StringComparison.Ordinal) && externalEventId.Length > scheduleId.Length + 4
            ? externalEventId[(scheduleId.Length + 4)..]
            : null;

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n");

    // Content lines are folded at 75 octets (RFC 5545 §3.1).
    private static void Line(StringBuilder ics, string name, string value)
    {
        var line = name + ":" + value;
        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length <= 75)
        {
            ics.Append(line).Append("\r\n");
            return;
        }

        var first = true;
        var chunk = new StringBuilder();
        foreach (var rune in line.EnumerateRunes())
        {
            var limit = first ? 75 : 74;
            if (Encoding.UTF8.GetByteCount(chunk.ToString() + rune) > limit)
            {
                ics.Append(first ? "" : " ").Append(chunk).Append("\r\n");
                chunk.Clear();
                first = false;
            }

            chunk.Append(rune.ToString());
        }

        ics.Append(first ? "" : " ").Append(chunk).Append("\r\n");
    }
}
