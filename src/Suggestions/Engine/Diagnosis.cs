namespace GemScheduling.Suggestions.Engine;

/// <summary>Why nothing fits, plus the interviewers whose limits are worth raising when looking for a relaxation.</summary>
internal sealed record Diagnosis(IReadOnlyList<string> Blockers, IReadOnlyList<long> DailyLimitSuspects, IReadOnlyList<long> WeeklyLimitSuspects);
