using System.Net;
using System.Net.Http.Json;
using GemScheduling.Interviewers;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace GemScheduling.Tests.Schedules;

/// <summary>
/// An interviewer's time is held in one step, with no confirmation round: once a hold's lease has passed, a hold in the
/// way of another schedule is checked with the schedule that made it, and stands only if that schedule stored it.
/// </summary>
public sealed class CalendarHoldSpecs(CalendarHoldSpecs.ShortLeaseApi api) : IClassFixture<CalendarHoldSpecs.ShortLeaseApi>
{
    /// <summary>Holds lapse after 200 ms, so "after its lease" takes a moment.</summary>
    public sealed class ShortLeaseApi : ConnectedApi
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton(new ScheduleOptions { HoldLease = TimeSpan.FromMilliseconds(200) });
    }

    [Fact]
    public async Task Given_a_stored_schedule_whose_hold_lease_has_passed_when_another_schedule_wants_that_interviewer_then_it_is_refused()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var first = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await Task.Delay(400);
        var second = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start.AddMinutes(30)));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var busy = await api.Calendar(target.InterviewerUserIds[0]).Busy(start.AddHours(-1), start.AddHours(2));
        Assert.Single(busy);
    }

    [Fact]
    public async Task Given_a_hold_whose_schedule_was_never_stored_when_its_lease_has_passed_then_the_time_can_be_booked()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var calendar = api.Calendar(target.InterviewerUserIds[0]);
        // A replica held the slot for a schedule and died before storing it.
        Assert.True((await calendar.Hold("sch_neverstored", [new BookedSlot("sch_neverstored", "int_x", start, start.AddHours(1))], TimeSpan.FromMilliseconds(200))).Held);
        var during = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));

        await Task.Delay(400);
        var after = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));

        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        var busy = await calendar.Busy(start.AddHours(-1), start.AddHours(2));
        Assert.DoesNotContain(busy, slot => slot.ScheduleId == "sch_neverstored");
    }

    [Fact]
    public async Task Given_a_moved_interview_whose_new_hold_was_never_stored_when_its_lease_has_passed_then_the_calendar_holds_what_the_schedule_stored()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var created = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));
        var schedule = await created.Content.ReadFromJsonAsync<CreatedSchedule>();
        var calendar = api.Calendar(target.InterviewerUserIds[0]);
        // A replica held a new time for the interview and died before storing the move.
        var interviewId = schedule!.Interviews[0].Id;
        await calendar.Hold(schedule.Id, [new BookedSlot(schedule.Id, interviewId, start.AddHours(1), start.AddHours(2))], TimeSpan.FromMilliseconds(200));

        await Task.Delay(400);
        var other = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var busy = Assert.Single(await calendar.Busy(start.AddHours(-1), start.AddHours(3)));
        Assert.Equal((schedule.Id, start), (busy.ScheduleId, busy.Start));
    }

    [Fact]
    public async Task Given_a_cancelled_schedule_then_its_time_is_free_at_once_and_the_release_goes_with_the_calendars_next_append()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var schedule = await CreateAsync(target, start);
        var calendar = api.Calendar(target.InterviewerUserIds[0]);
        var before = await CalendarEventsAsync(target.InterviewerUserIds[0]);

        (await api.Client.PostAsJsonAsync(api.Path($"schedules/{schedule.Id}/cancel"), new { reason = "Candidate withdrew" })).EnsureSuccessStatusCode();

        Assert.Empty(await calendar.Busy(start.AddHours(-1), start.AddHours(2)));
        Assert.Equal(before.Count, (await CalendarEventsAsync(target.InterviewerUserIds[0])).Count);
        var next = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        var appended = (await CalendarEventsAsync(target.InterviewerUserIds[0])).Skip(before.Count).Select(e => e.EventType).ToList();
        Assert.Equal(["calendar.booking-released", "calendar.slots-held"], appended);
    }

    [Fact]
    public async Task Given_a_cancelled_schedule_whose_calendar_still_holds_its_time_when_the_hold_has_lapsed_then_the_time_can_be_booked()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var schedule = await CreateAsync(target, start);
        (await api.Client.PostAsJsonAsync(api.Path($"schedules/{schedule.Id}/cancel"), new { reason = "Candidate withdrew" })).EnsureSuccessStatusCode();
        // The calendar's activation died before writing the release: its stream still holds the create's hold.
        var calendar = api.Calendar(target.InterviewerUserIds[0]);
        await calendar.Hold(schedule.Id, [new BookedSlot(schedule.Id, schedule.Interviews[0].Id, start, start.AddHours(1))], TimeSpan.FromMilliseconds(200));
        var during = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));

        await Task.Delay(400);
        var after = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));

        Assert.Equal(HttpStatusCode.Conflict, during.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.DoesNotContain(await calendar.Busy(start.AddHours(-1), start.AddHours(2)), slot => slot.ScheduleId == schedule.Id);
    }

    [Fact]
    public async Task Given_a_release_not_yet_written_when_the_calendar_deactivates_then_it_is_written()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var start = api.NextSlot();
        var schedule = await CreateAsync(target, start);
        (await api.Client.PostAsJsonAsync(api.Path($"schedules/{schedule.Id}/cancel"), new { reason = "Candidate withdrew" })).EnsureSuccessStatusCode();

        await api.Calendar(target.InterviewerUserIds[0]).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var last = await WaitForAsync(async () => (await CalendarEventsAsync(target.InterviewerUserIds[0]))[^1] is { EventType: "calendar.booking-released" } e ? e : null);
        Assert.Contains(schedule.Id, last.Data, StringComparison.Ordinal);
        Assert.Empty(await api.Calendar(target.InterviewerUserIds[0]).Busy(start.AddHours(-1), start.AddHours(2)));
    }

    private async Task<CreatedSchedule> CreateAsync(HarvestSandbox.SchedulingTarget target, DateTimeOffset start)
    {
        var created = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, start));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<CreatedSchedule>())!;
    }

    private Task<IReadOnlyList<StoredEvent>> CalendarEventsAsync(long userId) =>
        api.Api.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"calendar/{IInterviewerCalendarGrain.Key(api.OrgId, $"u{userId}")}");

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "not reached within 10 s");
            await Task.Delay(50);
        }
    }

    private sealed record CreatedSchedule(string Id, IReadOnlyList<CreatedInterview> Interviews);

    private sealed record CreatedInterview(string Id);
}
