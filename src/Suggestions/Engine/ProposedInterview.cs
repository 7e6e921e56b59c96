namespace GemScheduling.Suggestions.Engine;

/// <summary>One interview of an option: which step, when, with whom (interviewer ids ascending).</summary>
public sealed record ProposedInterview(long InterviewStepId, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<long> InterviewerIds);
