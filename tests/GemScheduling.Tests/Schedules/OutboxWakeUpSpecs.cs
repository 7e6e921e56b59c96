using System.Net.Http.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GemScheduling.Tests.Schedules;

/// <summary>
/// The outbox plans its next try with a timer (short backoffs) and a reminder (a crash). The reminder service can be
/// unreachable for a while — right after a silo dies, calls to the part of the reminder ring it held fail — and a write
/// waiting for its next try must not stay pending because of that: the timer is set first and does not depend on it.
/// </summary>
public sealed class OutboxWakeUpSpecs(OutboxWakeUpSpecs.Api api) : IClassFixture<OutboxWakeUpSpecs.Api>
{
    public sealed class Api : ConnectedApi
    {
        public FaultyReminderTable Reminders { get; } = new();

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.AddSingleton(new ScheduleOptions { BaseBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(500) });
            Reminders.Replace(services);
        }
    }

    [Fact]
    public async Task Given_the_reminder_service_fails_while_a_write_waits_for_its_next_try_then_the_write_still_lands()
    {
        var target = api.Greenhouse.FindSchedulingTarget(5)!;
        api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.Error500, Endpoint = api.Endpoint("scheduled_interviews.create"), MaxOccurrences = 1 });
        api.Reminders.Failing = true;
        try
        {
            var scheduleId = await api.ScheduleOneAsync(target);

            var settled = await api.SettledAsync(scheduleId, timeoutSeconds: 15);

            Assert.Equal("synced", settled.GetProperty("writeBack").GetString());
            Assert.True(api.Reminders.Refused > 0, "the reminder service was never asked");
            Assert.Single(api.Greenhouse.ScheduledInterviews(target.ApplicationId), i => i.ExternalEventId?.StartsWith("gs-", StringComparison.Ordinal) == true);
        }
        finally
        {
            api.Reminders.Failing = false;
        }
    }

    [Fact]
    public async Task Given_a_write_that_needed_its_reminder_when_it_lands_and_the_schedule_is_cancelled_then_the_schedule_holds_no_reminder()
    {
        var target = api.Greenhouse.FindSchedulingTarget(6)!;
        api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.Error500, Endpoint = api.Endpoint("scheduled_interviews.create"), MaxOccurrences = 1 });
        var scheduleId = await api.ScheduleOneAsync(target);
        Assert.Equal("synced", (await api.SettledAsync(scheduleId, timeoutSeconds: 15)).GetProperty("writeBack").GetString());
        await NoOutboxReminderAsync(scheduleId);

        (await api.Client.PostAsJsonAsync(api.Path($"schedules/{scheduleId}/cancel"), new { reason = "Candidate withdrew" })).EnsureSuccessStatusCode();

        Assert.Equal("synced", (await api.SettledAsync(scheduleId, timeoutSeconds: 15)).GetProperty("writeBack").GetString());
        await NoOutboxReminderAsync(scheduleId);
        Assert.DoesNotContain(api.Greenhouse.ScheduledInterviews(target.ApplicationId), i => i.ExternalEventId?.StartsWith("gs-", StringComparison.Ordinal) == true);
    }

    /// <summary>The outbox lets its reminder go right after the write-back shows synced; allow it a moment.</summary>
    private async Task NoOutboxReminderAsync(string scheduleId)
    {
        var table = api.Api.Services.GetRequiredService<IReminderTable>();
        IEnumerable<ReminderEntry> held = [];
        for (var i = 0; i < 50; i++)
        {
            held = (await table.ReadRows(0, uint.MaxValue)).Reminders
                .Where(r => r.ReminderName == "outbox" && r.GrainId.Key.ToString()!.Contains(scheduleId, StringComparison.Ordinal)).ToList();
            if (!held.Any())
                return;
            await Task.Delay(100);
        }

        Assert.Fail($"schedule {scheduleId} still holds {held.Count()} outbox reminder(s)");
    }
}

/// <summary>The silo's reminder table, refusing outbox reminder reads and writes while <see cref="Failing"/> is set.</summary>
public sealed class FaultyReminderTable
{
    private int _refused;

    public bool Failing { get; set; }
    public int Refused => _refused;

    /// <summary>Wraps the registered <see cref="IReminderTable"/>.</summary>
    public void Replace(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IReminderTable));
        services.Remove(original);
        services.AddSingleton<IReminderTable>(sp => new Table(this, (IReminderTable)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
    }

    private void ThrowIfFailing(string reminderName)
    {
        if (!Failing || reminderName != "outbox")
            return;
        Interlocked.Increment(ref _refused);
        throw new OrleansException("The reminder service is unavailable (test).");
    }

    private sealed class Table(FaultyReminderTable faults, IReminderTable inner) : IReminderTable
    {
        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

        public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
        {
            faults.ThrowIfFailing(reminderName);
            return inner.ReadRow(grainId, reminderName);
        }

        public Task<string?> UpsertRow(ReminderEntry entry)
        {
            faults.ThrowIfFailing(entry.ReminderName);
            return inner.UpsertRow(entry);
        }

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
        {
            faults.ThrowIfFailing(reminderName);
            return inner.RemoveRow(grainId, reminderName, eTag);
        }

        public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
    }
}
