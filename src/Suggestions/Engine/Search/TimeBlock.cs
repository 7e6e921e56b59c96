namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>
/// A stretch of an interviewer's time in UTC ticks, tagged with the interviewer-local day (<see cref="DateOnly.DayNumber"/>)
/// and ISO week it belongs to, and the working block it lies in.
/// </summary>
internal readonly record struct TimeBlock(long Start, long End, int Day, int Week, int WorkBlock);
