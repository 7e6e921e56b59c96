using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Schedules;

/// <summary>
/// A write the org's rate budget cannot admit in time is not sent and not a failed try: the outbox waits for the
/// budget, by timer and reminder, and the write lands once it admits it.
/// </summary>
public sealed class BudgetDeferralSpecs(BudgetDeferralSpecs.ThrottledApi api) : IClassFixture<BudgetDeferralSpecs.ThrottledApi>
{
    /// <summary>A budget that admits reads at once and writes only while <see cref="WritesAdmitted"/>, on v3.</summary>
    public sealed class ThrottledApi : ConnectedApi
    {
        public Gate Budget { get; } = new();

        public override string ApiVersion => "v3";

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IHarvestRateGate>(Budget);
    }

    public sealed class Gate : IHarvestRateGate
    {
        public volatile bool WritesAdmitted = true;
        public volatile bool InteractiveAdmitted = true;
        public int WritesRefused;

        public Task WaitForTurnAsync(string budgetKey, HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken)
        {
            if (lane == HarvestLane.Interactive && !InteractiveAdmitted)
                throw new HarvestApiException(HarvestErrorKind.OverBudget, null, "The org's budget is in use.", retryAfter: TimeSpan.FromSeconds(7), endpoint: "rate budget");
            if (lane != HarvestLane.Write || WritesAdmitted)
                return Task.CompletedTask;
            Interlocked.Increment(ref WritesRefused);
            throw new HarvestApiException(HarvestErrorKind.OverBudget, null, "The org's budget is in use.", retryAfter: TimeSpan.FromSeconds(1), endpoint: "rate budget");
        }

        public void Observe(string budgetKey, RateLimitObservation observation)
        {
        }
    }

    [Fact]
    public async Task Given_a_budget_full_for_the_next_7_s_when_a_coordinator_asks_to_reconcile_then_the_answer_is_503_with_Retry_After_and_the_cause()
    {
        var target = api.Greenhouse.FindSchedulingTarget(6)!;
        var scheduleId = await api.ScheduleOneAsync(target);
        await api.SettledAsync(scheduleId);
        api.Budget.InteractiveAdmitted = false;
        try
        {
            var response = await api.Client.PostAsync(api.Path($"schedules/{scheduleId}/reconcile"), null);

            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("overBudget", problem.GetProperty("greenhouse").GetProperty("failure").GetString(), ignoreCase: true);
        }
        finally
        {
            api.Budget.InteractiveAdmitted = true;
        }
    }

    [Fact]
    public async Task Given_a_budget_full_of_other_calls_when_a_schedule_is_created_then_its_writes_wait_without_using_a_try_and_land_once_it_admits_them()
    {
        var target = api.Greenhouse.FindSchedulingTarget(5)!;
        var notesBefore = api.Greenhouse.Notes(target.CandidateId).Count;
        api.Budget.WritesAdmitted = false;
        var start = api.NextSlot();

        var created = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));
        var scheduleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        while (api.Budget.WritesRefused < 3)
            await Task.Delay(100);
        var waiting = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{scheduleId}"));
        api.Budget.WritesAdmitted = true;
        var settled = await api.SettledAsync(scheduleId);

        created.EnsureSuccessStatusCode();
        var create = waiting.GetProperty("mutations").EnumerateArray().First(m => m.GetProperty("kind").GetString() == "create_interview");
        Assert.Equal("pending", create.GetProperty("status").GetString());
        Assert.Equal(0, create.GetProperty("attempts").GetInt32());
        Assert.Equal("synced", settled.GetProperty("writeBack").GetString());
        Assert.All(settled.GetProperty("mutations").EnumerateArray(), m => Assert.True(m.GetProperty("attempts").GetInt32() <= 1, m.ToString()));
        Assert.Single(api.Greenhouse.ScheduledInterviews(target.ApplicationId, createdViaHarvest: true), i => i.ExternalEventId?.Contains(scheduleId) == true);
        var feedWrites = settled.GetProperty("mutations").EnumerateArray()
            .Count(m => m.GetProperty("kind").GetString() == "add_note" && m.GetProperty("status").GetString() == "succeeded");
        Assert.True(feedWrites >= 1);
        Assert.Equal(notesBefore + feedWrites, api.Greenhouse.Notes(target.CandidateId).Count); // each exactly once
        var history = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{scheduleId}/history"));
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "schedule.mutation-deferred");
        Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("type").GetString() is "schedule.mutation-retry-scheduled" or "schedule.mutation-failed");
    }
}
