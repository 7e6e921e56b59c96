namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>One interview placed by the search: step index, UTC ticks, interviewer indices.</summary>
internal sealed record Placement(int Step, long Start, long End, int[] Interviewers);
