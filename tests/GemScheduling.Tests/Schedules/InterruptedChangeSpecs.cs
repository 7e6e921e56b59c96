using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Interviewers;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Schedules;

/// <summary>
/// A change is stored in one append; what follows it (releasing calendars, starting the outbox) calls other grains, and
/// one of those can be on a silo that has just died. The API repeats a versioned change that meets a dead silo, and the
/// repeat finds the change already stored: it must finish what the first try left undone, or the interviewer's time
/// stays taken and the writes to Greenhouse never start.
/// </summary>
public sealed class InterruptedChangeSpecs(InterruptedChangeSpecs.ReleaseFailingApi api) : IClassFixture<InterruptedChangeSpecs.ReleaseFailingApi>
{
    /// <summary>The API over a silo whose next calendar releases fail as they do when the calendar's silo is gone.</summary>
    public sealed class ReleaseFailingApi : ConnectedApi
    {
        public DeadSiloReleases Releases { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IIncomingGrainCallFilter>(Releases);
    }

    public sealed class DeadSiloReleases : IIncomingGrainCallFilter
    {
        private int _failing;

        public int Failing => Volatile.Read(ref _failing);

        public void FailNext(int count) => Volatile.Write(ref _failing, count);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Grain is not IInterviewerCalendarGrain || context.InterfaceMethod?.Name != nameof(IInterviewerCalendarGrain.Release))
                return context.Invoke();
            int left;
            do
            {
                left = Volatile.Read(ref _failing);
                if (left <= 0)
                    return context.Invoke();
            }
            while (Interlocked.CompareExchange(ref _failing, left - 1, left) != left);

            throw new SiloUnavailableException("The interviewer's calendar was on a silo that died (injected by the spec).");
        }
    }

    [Fact]
    public async Task Given_a_cancel_stored_before_its_calendar_release_met_a_dead_silo_when_the_API_repeats_it_then_the_time_is_free_and_the_writes_go_out()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var (id, etag) = await CreateAsync(api.OneInterview(target, start));
        api.Releases.FailNext(1);

        var cancel = new HttpRequestMessage(HttpMethod.Post, api.Path($"schedules/{id}/cancel")) { Content = JsonContent.Create(new { reason = "Candidate withdrew" }) };
        cancel.Headers.IfMatch.Add(etag);
        var answer = await api.Client.SendAsync(cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(0, api.Releases.Failing);
        Assert.Empty(await api.Calendar(target.InterviewerUserIds[0]).Busy(start.AddHours(-1), start.AddHours(2)));
        AssertAllWritesSucceeded(await api.SettledAsync(id, timeoutSeconds: 15));
    }

    [Fact]
    public async Task Given_a_cancel_without_a_version_whose_calendar_release_met_a_dead_silo_then_it_answers_503_and_its_writes_still_go_out()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var (id, _) = await CreateAsync(api.OneInterview(target, api.NextSlot()));
        api.Releases.FailNext(1);

        var answer = await api.Client.PostAsJsonAsync(api.Path($"schedules/{id}/cancel"), new { reason = "Candidate withdrew" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var settled = await api.SettledAsync(id, timeoutSeconds: 15);
        Assert.Equal("cancelled", settled.GetProperty("status").GetString());
        AssertAllWritesSucceeded(settled);
    }

    [Fact]
    public async Task Given_a_new_interviewer_stored_before_the_old_ones_calendar_release_met_a_dead_silo_when_the_API_repeats_it_then_the_old_interviewer_is_free()
    {
        var target = Enumerable.Range(0, 20).Select(_ => api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!)
            .First(t => t.InterviewerUserIds.Count >= 2);
        var start = api.NextSlot();
        var (id, etag) = await CreateAsync(api.OneInterview(target, start));
        var schedule = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{id}"));
        var interviewId = schedule.GetProperty("interviews")[0].GetProperty("id").GetString();
        api.Releases.FailNext(1);

        var move = new HttpRequestMessage(HttpMethod.Patch, api.Path($"schedules/{id}"))
        {
            Content = JsonContent.Create(new { changes = new[] { new { interviewId, interviewers = new[] { new { userId = target.InterviewerUserIds[1] } } } } }),
        };
        move.Headers.IfMatch.Add(etag);
        var answer = await api.Client.SendAsync(move);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(0, api.Releases.Failing);
        Assert.Empty(await api.Calendar(target.InterviewerUserIds[0]).Busy(start.AddHours(-1), start.AddHours(2)));
        Assert.Single(await api.Calendar(target.InterviewerUserIds[1]).Busy(start.AddHours(-1), start.AddHours(2)));
        AssertAllWritesSucceeded(await api.SettledAsync(id, timeoutSeconds: 15));
    }

    private async Task<(string Id, EntityTagHeaderValue ETag)> CreateAsync(object body)
    {
        var created = await api.Client.PostAsJsonAsync(api.Path("schedules"), body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await api.SettledAsync(id);
        return (id, created.Headers.ETag!);
    }

    private static void AssertAllWritesSucceeded(JsonElement schedule) =>
        Assert.All(schedule.GetProperty("mutations").EnumerateArray(), m => Assert.Equal("succeeded", m.GetProperty("status").GetString()));
}
