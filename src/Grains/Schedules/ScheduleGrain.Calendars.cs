using Microsoft.Extensions.Logging;
using GemScheduling.Interviewers;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

public sealed partial class ScheduleGrain
{
    private IInterviewerCalendarGrain Calendar(string calendarKey) =>
        GrainFactory.Grain<IInterviewerCalendarGrain>(IInterviewerCalendarGrain.Key(OrgId, calendarKey));

    private static Dictionary<string, List<BookedSlot>> SlotsByCalendar(string scheduleId, IEnumerable<PlannedInterview> plans) =>
        plans.SelectMany(p => p.Interviewers.Select(i => (i.CalendarKey, Slot: new BookedSlot(scheduleId, p.Id, p.Start, p.End))))
            .GroupBy(x => x.CalendarKey)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Slot).OrderBy(s => s.Start).ToList());

    /// <summary>
    /// Holds every interviewer's new slots, calendar by calendar in a fixed order. On a clash the calendars already
    /// changed are put back and the clash is reported as a 409 naming the interviewer and the interview it clashes with.
    /// </summary>
    private async Task HoldCalendarsAsync(IReadOnlyList<PlannedInterview> next, IReadOnlyList<PlannedInterview> previous)
    {
        var wanted = SlotsByCalendar(ScheduleId, next);
        var changed = new List<string>();
        foreach (var (calendar, slots) in wanted.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var result = await Calendar(calendar).Hold(ScheduleId, slots, options.HoldLease);
            if (result.Held)
            {
                changed.Add(calendar);
                continue;
            }

            await RestoreCalendarsAsync(changed, previous);
            var interviewer = next.SelectMany(p => p.Interviewers).First(i => i.CalendarKey == calendar);
            var clash = result.Clash!;
            throw new ConflictException(
                $"{interviewer.Display} is already booked {clash.Start:u} – {clash.End:u} (interview {clash.InterviewId} of schedule {clash.ScheduleId}).",
                new Dictionary<string, string>
                {
                    ["interviewer"] = interviewer.Display,
                    ["interviewerUserId"] = interviewer.UserId?.ToString() ?? "",
                    ["interviewerEmail"] = interviewer.Email ?? "",
                    ["clashingScheduleId"] = clash.ScheduleId,
                    ["clashingInterviewId"] = clash.InterviewId,
                    ["clashingStart"] = clash.Start.ToString("O"),
                    ["clashingEnd"] = clash.End.ToString("O"),
                });
        }
    }

    /// <summary>Puts calendars back as they were before a command that did not complete.</summary>
    private async Task RestoreCalendarsAsync(IEnumerable<string> calendars, IReadOnlyList<PlannedInterview> previous)
    {
        var before = SlotsByCalendar(ScheduleId, previous);
        foreach (var calendar in calendars.Distinct())
        {
            try
            {
                if (before.TryGetValue(calendar, out var slots))
                    await Calendar(calendar).Hold(ScheduleId, slots, options.HoldLease);
                else
                {
                    await Calendar(calendar).Release(ScheduleId);
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not restore calendar {Calendar} for schedule {ScheduleId}; an unconfirmed hold lapses on its own", calendar, ScheduleId);
            }
        }
    }

    /// <summary>
    /// The calendars hold this revision's slots. Nothing to tell them: a hold stands once the schedule has stored its
    /// slots (a calendar checks a lapsed hold with the schedule). Noted here so a crash before this point re-holds.
    /// </summary>
    private void ConfirmCalendars()
    {
        // Stored with the outbox's next append (every caller kicks the outbox next); until then a crash re-checks the calendars.
        if (!Current.CalendarsConfirmed)
            Stage([new CalendarsConfirmed(Now)], forRevision: State.Revision);
    }

    public Task<IReadOnlyList<Interviewers.BookedSlot>> SlotsOn(string calendarKey) =>
        Task.FromResult<IReadOnlyList<Interviewers.BookedSlot>>(
            State.Exists && SlotsByCalendar(ScheduleId, State.Current.Select(i => i.Plan)).TryGetValue(calendarKey, out var slots) ? slots : []);

    private async Task ReleaseCalendarsAsync(IEnumerable<string> calendars)
    {
        foreach (var calendar in calendars.Distinct().Order(StringComparer.Ordinal))
            await Calendar(calendar).Release(ScheduleId);
    }

    /// <summary>Releases the calendars the stored change took this schedule off, then confirms the calendars.</summary>
    private async Task ReleaseAndConfirmCalendarsAsync()
    {
        await ReleaseCalendarsAsync(State.CalendarsToRelease);
        ConfirmCalendars();
    }

    /// <summary>After an interrupted command: make the calendars hold exactly what the schedule says.</summary>
    private async Task EnsureCalendarsAsync()
    {
        if (!State.Exists || Current.CalendarsConfirmed)
            return;
        await ReleaseCalendarsAsync(State.CalendarsToRelease);
        var current = State.Current.Select(i => i.Plan).ToList();
        foreach (var (calendar, slots) in SlotsByCalendar(ScheduleId, current))
        {
            var result = await Calendar(calendar).Hold(ScheduleId, slots, options.HoldLease);
            if (!result.Held)
            {
                var clash = result.Clash!;
                var interview = slots.First(s => s.Start < clash.End && clash.Start < s.End).InterviewId;
                await RecordDriftAsync(interview, DriftKind.DoubleBooked,
                    $"Interviewer {calendar} was booked by schedule {clash.ScheduleId} while this schedule was being saved; resolve one of them.");
            }
        }

        ConfirmCalendars();
    }
}
