namespace GemScheduling.Suggestions.Engine;

/// <summary>One interview of the loop to place: its length and the pool to pick <see cref="InterviewersNeeded"/> interviewers from.</summary>
public sealed record StepRequest(
    long InterviewStepId,
    string Name,
    TimeSpan Duration,
    IReadOnlyList<long> InterviewerPool,
    int InterviewersNeeded = 1);
