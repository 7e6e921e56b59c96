using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Schedules;

/// <summary>A write that failed for good after a long Greenhouse outage can be re-driven, and lands exactly once.</summary>
public sealed class RetryWriteSpecs(RetryWriteSpecs.ImpatientApi api) : IClassFixture<RetryWriteSpecs.ImpatientApi>
{
    /// <summary>Gives up on a write after two tries, so "a long outage" takes a second.</summary>
    public sealed class ImpatientApi : ConnectedApi
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton(new ScheduleOptions { MaxTries = 2, BaseBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) });
    }

    [Fact]
    public async Task Given_a_note_that_failed_for_good_when_Greenhouse_is_back_and_the_schedule_is_retried_then_the_note_lands_once()
    {
        var target = api.Greenhouse.FindSchedulingTarget(3)!;
        var notesBefore = api.Greenhouse.Notes(target.CandidateId).Count;
        var outage = api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.Error500, Endpoint = api.Endpoint("candidates.add_note") });
        var scheduleId = await api.ScheduleOneAsync(target);
        var failed = await api.SettledAsync(scheduleId);
        Assert.Equal("failed", failed.GetProperty("writeBack").GetString());

        api.Greenhouse.RemoveFault(outage.Id!);
        var retried = await api.Client.PostAsync(api.Path($"schedules/{scheduleId}/retry"), null);
        var settled = await api.SettledAsync(scheduleId);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("synced", settled.GetProperty("writeBack").GetString());
        Assert.Equal(notesBefore + 1, api.Greenhouse.Notes(target.CandidateId).Count);
        var history = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{scheduleId}/history"));
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "schedule.mutation-redriven");
    }
}
