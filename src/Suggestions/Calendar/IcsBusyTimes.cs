using GemScheduling.Suggestions.Interviewers;

namespace GemScheduling.Suggestions.Calendar;

/// <summary>Busy intervals read from an iCalendar feed (sorted by start) and the problems met while reading it.</summary>
public sealed record IcsBusyTimes(IReadOnlyList<BusyInterval> Busy, IReadOnlyList<string> Problems);
