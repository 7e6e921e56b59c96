namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Ranked options (best first). When there are none, <see cref="Blockers"/> says why and <see cref="NearestRelaxation"/>
/// (if any) the smallest change that works. <see cref="Warnings"/> lists input problems that were worked around
/// (unknown zones, missing profiles, refused windows) and notes such as a reached search budget.
/// </summary>
public sealed record SuggestionResult(
    IReadOnlyList<ScheduleOption> Options,
    IReadOnlyList<string> Blockers,
    Relaxation? NearestRelaxation,
    IReadOnlyList<string> Warnings,
    SearchStats Stats)
{
    public bool HasOptions => Options.Count > 0;
}
