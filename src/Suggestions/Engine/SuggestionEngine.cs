using GemScheduling.Suggestions.Engine.Search;

namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Suggests interview loops for a candidate. Pure and deterministic: the same request gives the same result.
/// Every option satisfies all constraints (see <see cref="SuggestionRequest"/> and <see cref="SuggestionOptions"/>):
/// each interview lies inside one candidate window and inside one working block of each of its interviewers (in the
/// interviewer's zone), overlaps none of their busy time, keeps every interviewer within daily and weekly limits
/// (existing interviews that count plus the option's own), starts at or after the earliest start and on the slot grid,
/// and the loop respects order, breaks and the number of candidate-local days.
/// </summary>
public static class SuggestionEngine
{
    public static SuggestionResult Suggest(SuggestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prepared = RequestPreparation.Prepare(request);
        var warnings = prepared.Warnings.ToList();
        if (prepared.FatalBlockers.Count > 0)
        {
            return new SuggestionResult([], prepared.FatalBlockers, null, warnings, new SearchStats(0, 0, 0, false));
        }

        var outcome = new LoopSearch(prepared).Run();
        var stats = new SearchStats(outcome.Work, outcome.StartSlotsTried, outcome.Loops.Count, outcome.BudgetExhausted);
        if (outcome.BudgetExhausted)
        {
            warnings.Add($"the search reached its budget ({request.Options.SearchBudget} placement attempts); other or better options may exist");
        }

        if (outcome.Loops.Count > 0)
        {
            return new SuggestionResult(OptionRanking.Rank(prepared, outcome.Loops), [], null, warnings, stats);
        }

        var diagnosis = BlockerDiagnosis.Diagnose(prepared, outcome);
        var relaxation = request.Options.SuggestRelaxation ? RelaxationFinder.Find(prepared, diagnosis) : null;
        return new SuggestionResult([], diagnosis.Blockers, relaxation, warnings, stats);
    }
}
