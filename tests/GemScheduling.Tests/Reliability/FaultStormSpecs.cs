using System.Collections.Concurrent;
using GemScheduling.Greenhouse;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Schedules;
using GemScheduling.Sync;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Reliability;

/// <summary>
/// A fault storm: 3 silos on PostgreSQL, 3 orgs, 21 applications, schedule creates, moves and cancels mixed with syncs,
/// a sandbox failing about a quarter of requests in every way it can, a silo killed and another added mid-run. When it
/// settles, a checker compares Greenhouse's interviews, notes and emails with GemScheduling's schedules: nothing
/// duplicated, nothing missing, nothing orphaned, and every write synced or failed for a permanent reason.
/// GEMSCHEDULING_STORM_OPERATIONS sets the number of schedule operations (create, update, cancel; the syncs mixed in come
/// on top): 150 here, 2,000 in the full run (docs/RELIABILITY.md).
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class FaultStormSpecs(PostgresClusterFixture cluster, SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static int Operations => int.TryParse(Environment.GetEnvironmentVariable("GEMSCHEDULING_STORM_OPERATIONS"), out var n) ? n : 150;

    private sealed record Tenant(string OrgId, SandboxTenant Greenhouse, IReadOnlyList<SchedulingTarget> Targets);

    [SkippableFact]
    public async Task Given_a_fault_storm_and_a_lost_silo_then_Greenhouse_ends_exactly_as_GemScheduling_says()
    {
        await PostgresServer.EnsureAvailableAsync();
        var tenants = new List<Tenant>();
        for (var i = 0; i < 3; i++)
            tenants.Add(await ConnectedTenantAsync(i));
        foreach (var tenant in tenants)
            StormOn(tenant.Greenhouse.Org);
        var requestsBefore = tenants.Sum(t => t.Greenhouse.Org.Counters().Requests);

        var random = new Random(1128);
        var scheduleIds = new ConcurrentDictionary<string, Tenant>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var cancelled = new ConcurrentDictionary<string, bool>();
        var slot = 0;
        DateTimeOffset NextSlot() => DateTimeOffset.UtcNow.Date.AddDays(3 + Interlocked.Increment(ref slot) / 5).AddHours(8 + slot % 5 * 2.5);
        // Operations counts schedule operations (create, update, cancel); the syncs mixed in come on top.
        var operations = new List<(int Index, int Kind, Tenant Tenant, int Pick)>();
        for (var scheduleOperations = 0; scheduleOperations < Operations;)
        {
            var kind = random.Next(100);
            scheduleOperations += kind < 5 ? 0 : 1;
            operations.Add((operations.Count, kind, tenants[random.Next(tenants.Count)], random.Next()));
        }
        var killed = false;
        var added = false;

        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (op, _) =>
        {
            if (op.Index == operations.Count * 2 / 5 && !killed)
            {
                killed = true;
                var victim = cluster.Cluster.Silos.Skip(1).First();
                await cluster.Cluster.KillSiloAsync(victim);
                outcomes.AddOrUpdate("silo killed", 1, (_, n) => n + 1);
            }
            else if (op.Index == operations.Count * 3 / 5 && !added)
            {
                added = true;
                await cluster.Cluster.StartAdditionalSiloAsync();
                outcomes.AddOrUpdate("silo added", 1, (_, n) => n + 1);
            }

            string outcome;
            try
            {
                outcome = await RunAsync(op.Kind, op.Tenant, op.Pick, scheduleIds, cancelled, NextSlot);
            }
            catch (Exception ex)
            {
                outcome = "error " + (ex is ConflictException ? "409" : ex.GetType().Name);
            }

            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        });

        foreach (var tenant in tenants)
            tenant.Greenhouse.Org.ClearFaults();
        // Counted when the faults stop: the writes settled afterwards meet none, and on a loaded machine there are many.
        var requests = tenants.Sum(t => t.Greenhouse.Org.Counters().Requests) - requestsBefore;
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        var schedules = await SettleAsync(scheduleIds);
        var faults = tenants.Sum(t => t.Greenhouse.Org.FaultLog().Count);
        Console.WriteLine($"storm: {Operations} schedule operations and {operations.Count - Operations} syncs, {schedules.Count} schedules, {requests} Harvest requests, {faults} faults served " +
                          $"({100.0 * faults / Math.Max(1, requests):0.0}%); outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}×{o.Value}"))}");

        var problems = tenants.SelectMany(t => GreenhouseAgreement.Check(t.Greenhouse.Org.ScheduledInterviews(), t.Greenhouse.Org.Notes(), t.Greenhouse.Org.Emails(),
            schedules.Where(s => scheduleIds[s.Key] == t).ToDictionary())).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} invariant violations:\n{string.Join("\n", problems.Take(30))}");
        Assert.True(faults >= requests / 5, $"only {faults} of {requests} requests were faulted");
        Assert.True(schedules.Count >= Operations / 4, $"only {schedules.Count} schedules were created");
    }

    private async Task<string> RunAsync(int kind, Tenant tenant, int pick, ConcurrentDictionary<string, Tenant> scheduleIds,
        ConcurrentDictionary<string, bool> cancelled, Func<DateTimeOffset> nextSlot)
    {
        if (kind < 5)
        {
            await cluster.Grains.GetGrain<ISyncGrain>(tenant.OrgId).Start(SyncMode.Incremental, "storm");
            return "sync";
        }

        var mine = scheduleIds.Where(s => s.Value == tenant && !cancelled.ContainsKey(s.Key)).Select(s => s.Key).Order().ToList();
        if (kind < 60 || mine.Count == 0)
            return await CreateAsync();

        var chosenId = mine[pick % mine.Count];
        var chosen = Schedule(tenant, chosenId);
        var view = await chosen.Get();
        if (view is null || view.Status != ScheduleStatus.Active)
            return await CreateAsync(); // cancelled by a concurrent operation, or its create never landed
        if (kind < 85)
        {
            var moved = nextSlot();
            await chosen.Update(new UpdateSchedule([new InterviewChange(view.Interviews[0].Id, moved, moved.AddMinutes(45), null, null, "Moved room", null)], [], [], "storm", null));
            return "update";
        }

        cancelled[chosenId] = true;
        await chosen.Cancel("storm cancellation", "storm", null);
        return "cancel";

        async Task<string> CreateAsync()
        {
            var target = tenant.Targets[pick % tenant.Targets.Count];
            var scheduleId = "sch_" + ApiTokens.RandomId(16);
            scheduleIds[scheduleId] = tenant;
            var start = nextSlot();
            var interviews = Enumerable.Range(0, 1 + pick % 2).Select(i => new InterviewRequest(target.InterviewStepId,
                [new InterviewerRef(target.InterviewerUserIds[(pick + i) % target.InterviewerUserIds.Count], null)],
                start.AddHours(i), start.AddHours(i + 1), "America/Chicago", $"Room {i}", null)).ToList();
            await Schedule(tenant, scheduleId).Create(new CreateSchedule(target.ApplicationId, interviews, null, "storm", null));
            return "create";
        }
    }

    /// <summary>Waits until every schedule that exists has no pending write, pushing each outbox along.</summary>
    private async Task<Dictionary<string, ScheduleView>> SettleAsync(ConcurrentDictionary<string, Tenant> scheduleIds)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var views = new Dictionary<string, ScheduleView>();
            var pending = 0;
            foreach (var (id, tenant) in scheduleIds)
            {
                try
                {
                    var grain = Schedule(tenant, id);
                    if (await grain.Get() is not { } view)
                        continue;
                    if (view.Mutations.Any(m => m.Status == MutationStatus.Pending))
                    {
                        pending++;
                        await grain.DriveOutbox();
                    }

                    views[id] = view;
                }
                catch (Exception) when (DateTime.UtcNow < deadline)
                {
                    pending++;
                }
            }

            if (pending == 0)
                return views;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{pending} schedules still have pending writes");
            await Task.Delay(500);
        }
    }

    private async Task<Tenant> ConnectedTenantAsync(int n)
    {
        var greenhouse = sandbox.NewOrg(DataScale.Demo, rateLimit: 100_000, seed: 900 + n);
        var targets = Enumerable.Range(0, 7).Select(i => greenhouse.Org.FindSchedulingTarget(i * 2)!).ToList();
        var orgId = ApiTokens.NewOrgId();
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).Create($"Storm {n}", "storm");
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).ConnectGreenhouse(new ConnectGreenhouse("v1",
            greenhouse.Server.BaseAddress.ToString(), greenhouse.ApiKey, greenhouse.Org.GetUser(targets[0].OrganizerUserId).PrimaryEmailAddress), "storm");
        var pass = await cluster.Grains.GetGrain<ISyncGrain>(orgId).Start(SyncMode.Full, "storm");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await cluster.Grains.GetGrain<ISyncGrain>(orgId).GetStatus()) is not { State: SyncStatus.Succeeded } s || s.PassId != pass.PassId)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the storm org did not sync");
            await Task.Delay(200);
        }

        return new Tenant(orgId, greenhouse, targets);
    }

    /// <summary>About a quarter of requests fail, in every way the sandbox can fail them.</summary>
    private static void StormOn(SandboxOrganization org)
    {
        org.AddFault(FaultRule.Fail(500, rate: 0.07));
        org.AddFault(FaultRule.Fail(502, rate: 0.05));
        org.AddFault(FaultRule.Fail(503, rate: 0.05));
        org.AddFault(FaultRule.Fail(429, rate: 0.05));
        org.AddFault(new FaultRule { Kind = FaultKind.Timeout, Rate = 0.02, Hold = TimeSpan.FromSeconds(4) });
        org.AddFault(new FaultRule { Kind = FaultKind.Drop, Rate = 0.05 });
        org.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Method = "POST", Rate = 0.05 });
        org.AddFault(new FaultRule { Kind = FaultKind.CommitThenDrop, Method = "POST", Rate = 0.04 });
        org.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Method = "PATCH", Rate = 0.05 });
        org.AddFault(new FaultRule { Kind = FaultKind.CommitThenDrop, Method = "DELETE", Rate = 0.05 });
        org.AddFault(new FaultRule { Kind = FaultKind.Latency, Rate = 0.05, Latency = TimeSpan.FromMilliseconds(150) });
    }

    private IScheduleGrain Schedule(Tenant tenant, string scheduleId) => cluster.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.Key(tenant.OrgId, scheduleId));
}
