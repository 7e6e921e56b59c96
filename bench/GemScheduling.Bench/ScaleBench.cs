using System.Diagnostics;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Schedules;
using GemScheduling.Schedules.Events;
using GemScheduling.Schedules.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Bench;

/// <summary>
/// Issue 17.6: many orgs with many schedules on one embedded silo, idle. Schedules are stored directly (their creation
/// event and index entry, as a create leaves them), so the bench measures what an idle cluster holds, not how fast it
/// creates: reminders held, activations and memory, and the background Harvest calls of one reconciliation pass of
/// sample orgs connected to the sandbox, beside the same sample reconciled schedule by schedule (the former design).
/// </summary>
public sealed class ScaleBench(BenchOptions options)
{
    private int Orgs => options.Orgs is 4 ? (options.Quick ? 1_000 : 10_000) : options.Orgs;

    private int SchedulesPerOrg => options.Ops ?? 100;

    private const int SampleOrgs = 5;
    private static readonly TimeSpan Interval = new ScheduleOptions().ReconcileInterval;

    public async Task RunAsync()
    {
        await using var rig = await SiloRig.StartAsync(options, postgres: false, budgetDefaultLimit: 100_000);
        await using var sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        var store = rig.Services.GetRequiredService<IEventStore>();
        var index = rig.Services.GetRequiredService<IScheduleIndex>();
        var types = rig.Services.GetRequiredService<EventTypeRegistry>();
        Report.Line($"- one embedded silo in the bench process, in-memory stores; {Orgs:N0} orgs × {SchedulesPerOrg} schedules (each one interview a week ahead, two schedules per application), " +
                    $"stored directly as a create leaves them (creation event, index entry, the org's reconciler told); {SampleOrgs} of the orgs connected through Harvest {options.Harvest} to a sandbox org (Demo scale)");

        var before = Footprint.Measure();
        var watch = Stopwatch.StartNew();
        var samples = new List<(string OrgId, SandboxOrganization Sandbox)>();
        for (var o = 0; o < Orgs; o++)
        {
            string orgId;
            IReadOnlyList<long> applications;
            if (o < SampleOrgs)
            {
                var org = sandbox.State.CreateOrganization(new OrganizationOptions { Seed = options.Seed + o, Scale = DataScale.Demo, RateLimit = 100_000 });
                orgId = await SyncBench.ConnectAsync(rig, sandbox, org, org.CreateApiKey().Key, options.Harvest);
                samples.Add((orgId, org));
                applications = Enumerable.Range(1, SchedulesPerOrg / 2).Select(n => org.FindSchedulingTarget(n)?.ApplicationId ?? n).ToList();
            }
            else
            {
                orgId = $"org_scale{o:D8}";
                applications = Enumerable.Range(1, SchedulesPerOrg / 2).Select(n => 1_000_000L + n).ToList();
            }

            await SeedAsync(store, index, types, orgId, applications);
            await rig.Grains.GetGrain<IOrgReconcilerGrain>(orgId).Track();
            if (o % 1_000 == 999)
                Console.Error.WriteLine($"  scale: {o + 1:N0} orgs stored ({watch.Elapsed.TotalSeconds:0} s)");
        }

        var seeded = watch.Elapsed;
        var after = Footprint.Measure();
        var reminders = (await rig.Services.GetRequiredService<IReminderTable>().ReadRows(0, uint.MaxValue)).Reminders;
        var activations = (await rig.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .GroupBy(s => ShortTypeName(s.GrainType)).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        Report.Line($"- stored in {seeded.TotalSeconds:0} s; managed heap {before.Managed / 1048576.0:0} → {after.Managed / 1048576.0:0} MiB, working set {before.WorkingSet / 1048576.0:0} → {after.WorkingSet / 1048576.0:0} MiB " +
                    "(the in-memory event store and index hold every schedule here; in production they are PostgreSQL's)");
        Report.Table(["what", "measured", "one per schedule (the former design)"],
        [
            ["reminders held", reminders.Count.ToString("N0"), (Orgs * SchedulesPerOrg).ToString("N0")],
            ["  of them org reconcilers", reminders.Count(r => r.ReminderName == "reconcile").ToString("N0"), ""],
            ["activations after storing (by grain type, top 4)", string.Join(", ", activations.OrderByDescending(a => a.Value).Take(4).Select(a => $"{a.Key} {a.Value:N0}")), ""],
        ]);

        // Background calls: one pass of each sample org, then the same sample schedule by schedule.
        var rows = new List<IReadOnlyList<string>>();
        long orgCalls = 0, scheduleCalls = 0;
        foreach (var (orgId, org) in samples)
        {
            var mark = org.CallLog().LastOrDefault()?.Sequence ?? 0;
            var pass = await rig.Grains.GetGrain<IOrgReconcilerGrain>(orgId).ReconcileNow();
            var byOrg = org.CallLog().Count(c => c.Sequence > mark);
            mark = org.CallLog().LastOrDefault()?.Sequence ?? 0;
            for (var s = 0; s < SchedulesPerOrg; s++)
                await rig.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.Key(orgId, ScheduleId(s))).Reconcile("bench");
            var bySchedule = org.CallLog().Count(c => c.Sequence > mark);
            orgCalls += byOrg;
            scheduleCalls += bySchedule;
            rows.Add([orgId, pass.Schedules.ToString(), pass.ApplicationsRead.ToString(), byOrg.ToString(), bySchedule.ToString()]);
        }

        Report.Table(["sample org", "schedules ahead", "applications read", "Harvest calls: org pass", "Harvest calls: schedule by schedule"], rows);
        var perHour = TimeSpan.FromHours(1) / Interval;
        Report.Line($"- reconcile interval {Interval.TotalMinutes:0} min ({perHour:0.#} passes an hour); per idle org an hour: **{orgCalls * perHour / samples.Count:0} Harvest calls** " +
                    $"(schedule by schedule: {scheduleCalls * perHour / samples.Count:0}); for {Orgs:N0} such orgs that is {orgCalls * perHour / samples.Count * Orgs:N0} an hour " +
                    $"against {scheduleCalls * perHour / samples.Count * Orgs:N0} (arithmetic on the measured sample, not a measurement of {Orgs:N0} connected orgs)");
        Report.Line($"scale: orgs={Orgs} schedules_per_org={SchedulesPerOrg} reminders={reminders.Count} managed_mib={after.Managed / 1048576.0:0} " +
                    $"calls_per_idle_org_hour={orgCalls * perHour / samples.Count:0} calls_per_idle_org_hour_per_schedule_design={scheduleCalls * perHour / samples.Count:0}");
    }

    private static string ShortTypeName(string grainType)
    {
        var type = grainType.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }

    private static string ScheduleId(int s) => $"sch_scale{s:D6}";

    private async Task SeedAsync(IEventStore store, IScheduleIndex index, EventTypeRegistry types, string orgId, IReadOnlyList<long> applications)
    {
        var now = DateTimeOffset.UtcNow;
        for (var s = 0; s < SchedulesPerOrg; s++)
        {
            var application = applications[s % applications.Count];
            var start = now.Date.AddDays(7).AddHours(8 + s % 8);
            var plan = new PlannedInterview($"int_scale{s:D6}", 1, "Onsite", [new PlannedInterviewer(1000 + s % 20, null, "Interviewer")],
                start, start.AddHours(1), "UTC", null, null);
            var created = new ScheduleCreated(ScheduleId(s), application, application, null, new ActingUser(1, "organizer@example.com", null), [plan], null, now, "bench");
            var (type, json) = types.Serialize(created);
            await store.AppendAsync($"schedule/{IScheduleGrain.Key(orgId, ScheduleId(s))}", 0, [new EventToAppend(Guid.NewGuid(), type, json, null)]);
            await index.UpsertAsync(new ScheduleIndexEntry(orgId, ScheduleId(s), application, application, ScheduleStatus.Active.Wire(), WriteBackStatus.Synced.Wire(),
                0, 0, null, 0, start, start.AddHours(1), 0, 1, now));
        }
    }
}
