using CsCheck;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Tests.Support;

namespace GemScheduling.Suggestions.Tests;

public sealed class SuggestionPropertyTests
{
    [Fact]
    public void Given_random_loops_across_zones_and_DST_When_suggesting_Then_every_option_obeys_every_rule()
    {
        ScenarioGenerators.Scenarios(ScenarioGenerators.Regular).Sample(scenario =>
        {
            var result = SuggestionEngine.Suggest(scenario.Request);

            Assert.True(result.Options.Count <= scenario.Request.Options.MaxOptions);
            foreach (var option in result.Options)
            {
                var violations = ScheduleChecker.Violations(scenario.Request, option.Interviews);
                Assert.True(violations.Count == 0, string.Join("\n", violations));
                Assert.Equal(option.Interviews.OrderBy(i => i.Start), option.Interviews);
            }

            if (result.Options.Count == 0)
            {
                Assert.NotEmpty(result.Blockers);
            }
        }, iter: 400);
    }

    [Fact]
    public void Given_small_random_loops_When_the_engine_finds_nothing_Then_exhaustive_search_finds_nothing_either()
    {
        ScenarioGenerators.Scenarios(ScenarioGenerators.Small).Sample(scenario =>
        {
            var result = SuggestionEngine.Suggest(scenario.Request);
            if (result.Options.Count > 0 || result.Stats.BudgetExhausted)
            {
                return;
            }

            var found = BruteForceScheduler.FindAny(scenario.Request);
            Assert.True(found is null, "the engine found nothing, but this loop is valid:\n" + string.Join("\n", found?.Select(i => $"{i.InterviewStepId} {i.Start:u} [{string.Join(",", i.InterviewerIds)}]") ?? []));
        }, iter: 600);
    }

    [Fact]
    public void Given_small_random_loops_When_exhaustive_search_finds_a_loop_Then_the_engine_finds_one_too()
    {
        // The same statement as above seen from the other side, counted so the generator is known to produce
        // enough schedulable inputs for the completeness check to mean something.
        var (schedulable, total) = (0, 0);
        ScenarioGenerators.Scenarios(ScenarioGenerators.Small).Sample(scenario =>
        {
            var found = BruteForceScheduler.FindAny(scenario.Request);
            var result = SuggestionEngine.Suggest(scenario.Request);
            Interlocked.Increment(ref total);
            if (found is not null)
            {
                Interlocked.Increment(ref schedulable);
                Assert.True(result.Options.Count > 0 || result.Stats.BudgetExhausted, "brute force found a loop the engine missed");
            }
        }, iter: 300, threads: 1);

        // About a quarter are schedulable (63-82 of 300 over 12 runs; a binomial spread of about 7.5). An eighth sits five
        // spreads below that, so the guard fails on a broken generator, not on an unlucky draw: a fifth, two spreads
        // below, failed a CI run with 57.
        Assert.True(schedulable >= total / 8, $"only {schedulable} of {total} generated inputs were schedulable");
    }

    [Fact]
    public void Given_random_unschedulable_loops_When_a_relaxation_is_suggested_Then_its_option_is_valid_under_the_relaxed_rules_only()
    {
        ScenarioGenerators.Scenarios(ScenarioGenerators.Regular).Sample(scenario =>
        {
            var request = scenario.Request with { Options = scenario.Request.Options with { SuggestRelaxation = true } };

            var result = SuggestionEngine.Suggest(request);

            if (result.NearestRelaxation is not { } relaxation)
            {
                return;
            }

            Assert.Empty(result.Options);
            Assert.Empty(ScheduleChecker.Violations(relaxation.RelaxedRequest, relaxation.Option.Interviews));
            var (before, after) = (request.Options, relaxation.RelaxedRequest.Options);
            var changed = relaxation.Kind switch
            {
                RelaxationKind.ShortenBreaks or RelaxationKind.RemoveBreaks => after.BreakBetween < before.BreakBetween,
                RelaxationKind.AnyOrder => before.KeepOrder && !after.KeepOrder,
                RelaxationKind.AllowMoreDays => after.MaxDays > before.MaxDays,
                RelaxationKind.AllowLaterDates => before.LatestEnd is not null && after.LatestEnd is null,
                _ => relaxation.RelaxedRequest.Interviewers.Count(kv => kv.Value != request.Interviewers[kv.Key]) == 1,
            };
            Assert.True(changed, relaxation.Description);
        }, iter: 150);
    }
}
