using GemScheduling.Greenhouse;
using Microsoft.Extensions.DependencyInjection;
using GemScheduling.Orgs;
using GemScheduling.Schedules;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Grains.Tests;

/// <summary>The outbox's rules without a silo: order, what a failure means, what gets recorded, and the backoff.</summary>
public sealed class OutboxSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ScheduleOptions Options = new() { BaseBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(5), MaxTries = 3 };

    private static ScheduleState Created(params MutationKind[] writes)
    {
        var state = new ScheduleState();
        var plan = new PlannedInterview("int_1", 7, "Onsite", [new PlannedInterviewer(11, null, "Ada")], T0.AddDays(2), T0.AddDays(2).AddHours(1), "UTC", null, null);
        state.Apply(new ScheduleCreated("sch_1", 100, 200, 300, new ActingUser(1, "org@example.com", null), [plan], null, T0, "spec"));
        for (var i = 0; i < writes.Length; i++)
            state.Apply(new MutationRequested($"mut_{i}", writes[i], writes[i] is MutationKind.CreateInterview or MutationKind.UpdateInterview ? "int_1" : null, null, null, T0));
        return state;
    }

    [Fact]
    public void Given_several_pending_writes_then_only_the_first_requested_is_due_and_it_waits_for_its_time()
    {
        var state = Created(MutationKind.CreateInterview, MutationKind.AddNote, MutationKind.SendEmail);

        Assert.Equal("mut_0", OutboxPolicy.Due(state, T0)!.Id);

        state.Apply(new MutationRetryScheduled("mut_0", "503", T0.AddSeconds(30), T0));
        Assert.Null(OutboxPolicy.Due(state, T0.AddSeconds(29))); // the note does not overtake the interview it describes
        Assert.Equal("mut_0", OutboxPolicy.Due(state, T0.AddSeconds(30))!.Id);

        state.Apply(new MutationSucceeded("mut_0", 9001, null, T0.AddSeconds(31)));
        Assert.Equal("mut_1", OutboxPolicy.Due(state, T0.AddSeconds(31))!.Id);
        Assert.Equal(9001, state.Interview("int_1").GreenhouseId);
    }

    [Fact]
    public void Given_a_write_an_earlier_activation_attempted_without_an_outcome_then_a_new_activation_leaves_it_alone_until_no_send_can_be_in_flight()
    {
        var state = Created(MutationKind.CreateInterview, MutationKind.AddNote);
        state.Apply(new MutationAttempted("mut_0", 1, T0)); // armed by an activation that may still be sending it
        var activatedAt = T0.AddSeconds(5);
        var grace = new ScheduleOptions().GraceAfter(new GreenhouseOptions().CallTimeout);

        Assert.Null(OutboxPolicy.Due(state, activatedAt.AddSeconds(1), _ => true, activatedAt + grace));
        Assert.Null(OutboxPolicy.Due(state, activatedAt + grace - TimeSpan.FromMilliseconds(1), _ => true, activatedAt + grace));
        Assert.Equal("mut_0", OutboxPolicy.Due(state, activatedAt + grace, _ => true, activatedAt + grace)!.Id);
        Assert.Equal("mut_0", OutboxPolicy.Due(state, activatedAt.AddSeconds(1), _ => false, activatedAt + grace)!.Id); // its own attempt: no wait
        Assert.True(grace > TimeSpan.FromSeconds(25), "the grace must outlast the Harvest client's total timeout");
    }

    [Fact]
    public void Given_an_operator_who_lets_Greenhouse_calls_take_a_minute_then_a_new_activation_waits_past_a_minute_for_an_inherited_write()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new GreenhouseOptions { PageSize = 100 }); // a host's own, kept
        services.AddGreenhouse(new GreenhouseSettings { TotalTimeout = TimeSpan.FromMinutes(1) });
        services.AddSingleton(TimeProvider.System);
        var port = services.BuildServiceProvider().GetRequiredService<GreenhouseOptions>();

        Assert.Equal((100, TimeSpan.FromMinutes(1)), (port.PageSize, port.CallTimeout));
        Assert.True(new ScheduleOptions().GraceAfter(port.CallTimeout) > TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(3), new ScheduleOptions { InheritedAttemptGrace = TimeSpan.FromSeconds(3) }.GraceAfter(port.CallTimeout)); // a test's own choice stands
    }

    [Fact]
    public void Given_a_write_never_attempted_then_a_new_activation_runs_it_at_once()
    {
        var state = Created(MutationKind.SendEmail);

        Assert.Equal("mut_0", OutboxPolicy.Due(state, T0, _ => true, T0.AddSeconds(30))!.Id);
    }

    public static TheoryData<string, Exception, MutationKind, string> Failures => new()
    {
        { "over our own budget", new GreenhouseException(GreenhouseFailure.OverBudget, "budget", retryAfter: TimeSpan.FromSeconds(7)), MutationKind.CreateInterview, "Defer" },
        { "rate limited by Greenhouse", new GreenhouseException(GreenhouseFailure.RateLimited, "429", 429), MutationKind.CreateInterview, "Retry" },
        { "Greenhouse 500", new GreenhouseException(GreenhouseFailure.ServerError, "boom", 500), MutationKind.UpdateInterview, "Retry" },
        { "Greenhouse refuses the body", new GreenhouseException(GreenhouseFailure.Rejected, "bad", 422), MutationKind.CreateInterview, "Failed" },
        { "a permission is missing", new GreenhousePermissionMissingException("candidates.add_note", "Candidates: Add Note", "The key lacks Candidates: Add Note."), MutationKind.AddNote, "Skipped" },
        { "the connection is gone for a moment", new ResourceNotFoundException("no connection"), MutationKind.AddNote, "Retry" },
        { "the event store is down", new TimeoutException("store"), MutationKind.LogEmail, "Retry" },
        { "SMTP refuses the address for good", new FormatException("not an address"), MutationKind.SendEmail, "Failed" },
        { "SMTP is not reachable", new IOException("reset"), MutationKind.SendEmail, "Retry" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Given_a_failure_then_it_maps_to_one_verdict(string because, Exception failure, MutationKind kind, string expected)
    {
        var outcome = OutboxPolicy.Classify(failure, kind);

        Assert.True(outcome?.Verdict.ToString() == expected, $"{because}: {outcome?.Verdict}");
    }

    [Fact]
    public void Given_a_bug_in_a_write_then_the_outbox_does_not_swallow_it_and_a_deferral_waits_what_Greenhouse_asked()
    {
        Assert.Null(OutboxPolicy.Classify(new InvalidOperationException("bug"), MutationKind.CreateInterview));
        Assert.Equal(TimeSpan.FromSeconds(7), OutboxPolicy.Classify(new GreenhouseException(GreenhouseFailure.OverBudget, "b", retryAfter: TimeSpan.FromSeconds(7)), MutationKind.AddNote)!.Wait);
        Assert.Equal(TimeSpan.FromSeconds(1), OutboxPolicy.Classify(new GreenhouseException(GreenhouseFailure.OverBudget, "b"), MutationKind.AddNote)!.Wait);
        Assert.Equal(SkipReason.MissingPermission, OutboxPolicy.Classify(new GreenhousePermissionMissingException("candidates.add_note", "Candidates: Add Note", "x"), MutationKind.AddNote)!.Why);
    }

    [Fact]
    public void Given_transient_failures_then_each_schedules_a_retry_until_the_last_try_fails_the_write()
    {
        var state = Created(MutationKind.CreateInterview);
        var policy = new OutboxPolicy(Options, new Random(1));

        for (var tries = 1; tries < Options.MaxTries; tries++)
        {
            var retry = Assert.IsType<MutationRetryScheduled>(Assert.Single(policy.Record(state.Mutation("mut_0"), 1, Outcome.Retry("503"), state.Drift, T0)));
            state.Apply(retry);
        }

        var failed = Assert.IsType<MutationFailed>(Assert.Single(policy.Record(state.Mutation("mut_0"), 1, Outcome.Retry("503"), state.Drift, T0)));
        Assert.StartsWith($"Gave up after {Options.MaxTries} tries", failed.Error);
        state.Apply(failed);
        Assert.Equal(MutationStatus.Failed, state.Mutation("mut_0").Status);
        Assert.Null(OutboxPolicy.Due(state, T0.AddDays(1)));
    }

    [Fact]
    public void Given_a_deferral_then_it_is_not_a_try_and_the_attempt_count_goes_back()
    {
        var state = Created(MutationKind.CreateInterview);
        state.Apply(new MutationAttempted("mut_0", 1, T0));
        var policy = new OutboxPolicy(Options, new Random(1));

        var deferred = Assert.IsType<MutationDeferred>(Assert.Single(policy.Record(state.Mutation("mut_0"), 0, Outcome.Defer(TimeSpan.FromSeconds(9)), state.Drift, T0)));
        state.Apply(deferred);

        Assert.Equal((0, 0, T0.AddSeconds(9)), (state.Mutation("mut_0").Attempts, state.Mutation("mut_0").Tries, state.Mutation("mut_0").NextAttemptAt));
        Assert.True(state.Mutation("mut_0").IsPending);
    }

    [Fact]
    public void Given_drift_found_twice_then_it_is_recorded_once()
    {
        var state = Created(MutationKind.UpdateInterview);
        var policy = new OutboxPolicy(Options, new Random(1));
        var outcome = Outcome.Done(5) with { Drift = ("int_1", DriftKind.MovedInGreenhouse, "Greenhouse says 10:00") };

        var first = policy.Record(state.Mutation("mut_0"), 1, outcome, state.Drift, T0);
        foreach (var e in first)
            state.Apply(e);

        Assert.Single(first.OfType<DriftDetected>());
        Assert.Empty(policy.Record(state.Mutation("mut_0"), 1, outcome, state.Drift, T0).OfType<DriftDetected>());
    }

    [Fact]
    public void Given_a_skip_then_its_reason_kind_reaches_the_state_that_the_schedule_view_warns_from()
    {
        var state = Created(MutationKind.AddNote);
        var policy = new OutboxPolicy(Options, new Random(1));

        foreach (var e in policy.Record(state.Mutation("mut_0"), 0, Outcome.Skip("The key lacks Candidates: Add Note.", SkipReason.MissingPermission), state.Drift, T0))
            state.Apply(e);

        Assert.Equal((MutationStatus.Skipped, SkipReason.MissingPermission), (state.Mutation("mut_0").Status, state.Mutation("mut_0").SkipReason));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(9, 300)] // capped at MaxBackoff
    [InlineData(40, 300)]
    public void Given_a_number_of_tries_then_the_backoff_doubles_up_to_the_cap_within_twenty_percent(int tries, double seconds)
    {
        var policy = new OutboxPolicy(Options, new Random(tries));

        var waits = Enumerable.Range(0, 200).Select(_ => policy.Backoff(tries).TotalSeconds).ToList();

        Assert.All(waits, w => Assert.InRange(w, seconds * 0.8, seconds * 1.2));
        Assert.True(waits.Max() - waits.Min() > seconds * 0.1, "no jitter"); // writes that failed together spread out
    }

    [Fact]
    public void Given_a_cancel_then_every_interview_is_removed_and_a_redriven_write_starts_its_tries_again()
    {
        var state = Created(MutationKind.CreateInterview);
        state.Apply(new MutationRetryScheduled("mut_0", "503", T0.AddSeconds(2), T0));
        state.Apply(new MutationFailed("mut_0", "gave up", T0.AddSeconds(3)));
        state.Apply(new MutationRedriven("mut_0", T0.AddMinutes(1), "coordinator"));
        state.Apply(new ScheduleCancelled("candidate withdrew", T0.AddMinutes(2), "coordinator"));

        Assert.Equal((MutationStatus.Pending, 0, T0.AddMinutes(1)), (state.Mutation("mut_0").Status, state.Mutation("mut_0").Tries, state.Mutation("mut_0").NextAttemptAt));
        Assert.Equal(ScheduleStatus.Cancelled, state.Status);
        Assert.Empty(state.Current);
    }
}
