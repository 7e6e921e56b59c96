namespace GemScheduling.Suggestions.Engine;

/// <summary>A complete, valid loop: interviews in chronological order, its score and the reasons behind it.</summary>
public sealed record ScheduleOption(
    IReadOnlyList<ProposedInterview> Interviews,
    double Score,
    IReadOnlyList<string> Reasons,
    ScoreBreakdown Breakdown);
