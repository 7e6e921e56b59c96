using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Samples;
using GemScheduling.Suggestions.Tests.Support;

namespace GemScheduling.Suggestions.Tests;

public sealed class DeterminismAndSampleTests
{
    [Fact]
    public void Given_the_same_request_twice_When_suggesting_Then_the_results_are_identical()
    {
        var first = SuggestionEngine.Suggest(SuggestionSamples.FiveStepLoop());
        var second = SuggestionEngine.Suggest(SuggestionSamples.FiveStepLoop());

        Assert.Equal(Examples.Canonical(first), Examples.Canonical(second));
    }

    [Fact]
    public void Given_interviewer_profiles_in_another_order_When_suggesting_Then_the_result_does_not_change()
    {
        var request = SuggestionSamples.FiveStepLoop();
        var reversed = request with { Interviewers = request.Interviewers.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value) };

        Assert.Equal(Examples.Canonical(SuggestionEngine.Suggest(request)), Examples.Canonical(SuggestionEngine.Suggest(reversed)));
    }

    [Fact]
    public void Given_the_benchmark_sample_When_suggesting_Then_it_yields_ten_valid_ranked_options()
    {
        var request = SuggestionSamples.FiveStepLoop();

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal(5, request.Steps.Count);
        Assert.All(request.Steps, s => Assert.Equal(20, s.InterviewerPool.Count));
        Assert.Equal(10, result.Options.Count);
        Assert.False(result.Stats.BudgetExhausted);
        Assert.All(result.Options, o => Assert.Empty(ScheduleChecker.Violations(request, o.Interviews)));
        Assert.Equal(result.Options.OrderByDescending(o => o.Score).Select(o => o.Score), result.Options.Select(o => o.Score));
    }
}
