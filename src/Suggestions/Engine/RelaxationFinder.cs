using GemScheduling.Suggestions.Engine.Search;
using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Looks for the nearest single change that makes the loop schedulable, least invasive first: shorter breaks, no
/// breaks, any order, more days (one more at a time), one interviewer's daily limit + 1, one interviewer's weekly
/// limit + 1, and finally dates after the latest end. Each candidate change is a full re-run of the engine.
/// </summary>
internal static class RelaxationFinder
{
    private const int MaxAttempts = 16;
    private const int BudgetPerAttempt = 50_000;

    public static Relaxation? Find(PreparedRequest prepared, Diagnosis diagnosis)
    {
        var request = prepared.Request;
        var options = request.Options with
        {
            SuggestRelaxation = false,
            SearchBudget = Math.Min(request.Options.SearchBudget, BudgetPerAttempt),
        };
        var baseRequest = request with { Options = options };
        foreach (var (kind, description, relaxed) in Candidates(prepared, diagnosis, baseRequest).Take(MaxAttempts))
        {
            var result = SuggestionEngine.Suggest(relaxed);
            if (result.Options.Count > 0)
            {
                return new Relaxation(kind, description, relaxed, result.Options[0]);
            }
        }

        return null;
    }

    private static IEnumerable<(RelaxationKind, string, SuggestionRequest)> Candidates(
        PreparedRequest prepared, Diagnosis diagnosis, SuggestionRequest request)
    {
        var options = request.Options;
        var stepCount = request.Steps.Count;
        if (options.BreakBetween > TimeSpan.Zero && stepCount > 1)
        {
            var half = TimeSpan.FromTicks(options.BreakBetween.Ticks / 2 / prepared.Granularity * prepared.Granularity);
            if (half > TimeSpan.Zero && half < options.BreakBetween)
            {
                yield return (RelaxationKind.ShortenBreaks,
                    $"shorten the breaks from {Durations.Describe(options.BreakBetween)} to {Durations.Describe(half)}",
                    request with { Options = options with { BreakBetween = half } });
            }

            yield return (RelaxationKind.RemoveBreaks, "remove the breaks between interviews",
                request with { Options = options with { BreakBetween = TimeSpan.Zero } });
        }

        if (options.KeepOrder && stepCount > 1)
        {
            yield return (RelaxationKind.AnyOrder, "allow the interviews in any order",
                request with { Options = options with { KeepOrder = false } });
        }

        for (var days = Math.Max(1, options.MaxDays) + 1; days <= stepCount; days++)
        {
            yield return (RelaxationKind.AllowMoreDays, $"allow the loop to span {days} days",
                request with { Options = options with { MaxDays = days } });
        }

        var defaults = request.Defaults ?? OrgSchedulingDefaults.Standard;
        foreach (var userId in diagnosis.DailyLimitSuspects)
        {
            var profile = request.Interviewers[userId];
            var limit = defaults.DailyLimitFor(profile);
            yield return (RelaxationKind.RaiseDailyLimit,
                $"raise {profile.DisplayName}'s daily limit from {limit} to {limit + 1}",
                WithProfile(request, profile with { MaxInterviewsPerDay = limit + 1 }));
        }

        foreach (var userId in diagnosis.WeeklyLimitSuspects)
        {
            var profile = request.Interviewers[userId];
            var limit = defaults.WeeklyLimitFor(profile);
            yield return (RelaxationKind.RaiseWeeklyLimit,
                $"raise {profile.DisplayName}'s weekly limit from {limit} to {limit + 1}",
                WithProfile(request, profile with { MaxInterviewsPerWeek = limit + 1 }));
        }

        if (options.LatestEnd is { } latest && request.CandidateWindows.Any(w => w.End > latest))
        {
            var day = prepared.CandidateZone is { } zone ? Durations.Day(DateOnly.FromDateTime(LocalTimeResolver.ToLocal(zone, latest))) : $"{latest:yyyy-MM-dd}";
            yield return (RelaxationKind.AllowLaterDates, $"allow interviews after the latest end ({day}), using the candidate's later availability",
                request with { Options = options with { LatestEnd = null } });
        }
    }

    private static SuggestionRequest WithProfile(SuggestionRequest request, InterviewerProfile profile)
    {
        var interviewers = request.Interviewers.ToDictionary(kv => kv.Key, kv => kv.Value);
        interviewers[profile.UserId] = profile;
        return request with { Interviewers = interviewers };
    }
}
