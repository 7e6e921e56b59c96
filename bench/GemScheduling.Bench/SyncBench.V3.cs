using GemScheduling.Budget;
using GemScheduling.Greenhouse.Budget;
using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules;
using GemScheduling.Sync;

namespace GemScheduling.Bench;

/// <summary>
/// sync-budget --harvest v3: full v3 passes under a 30 s window, and Greenhouse writes made while a pass keeps that
/// window full (the outbox defers what the budget cannot admit yet; none may fail for want of budget).
/// </summary>
public sealed partial class SyncBench
{
    /// <summary>Greenhouse's own example v3 limit: 75 requests per 30 s per OAuth client.</summary>
    private const int V3Limit = 75;

    private async Task V3BudgetAsync()
    {
        var (sandbox, org) = await SandboxAsync(options, rateLimit: V3Limit);
        await using var _ = sandbox;
        var budgetOptions = new Harvest.RateBudget.RateBudgetOptions().ForBudgetKey(GreenhouseBudget.KeyFor("org", GemScheduling.Greenhouse.HarvestApiVersion.V3));
        var window = budgetOptions.V3Window;
        var backgroundCapacity = Math.Max(1, V3Limit - Math.Max(1, (int)Math.Ceiling(V3Limit * budgetOptions.BackgroundHeadroom)));
        var ceiling = backgroundCapacity / (window + budgetOptions.Guard).TotalSeconds / (V3Limit / window.TotalSeconds);
        var writers = options.Quick ? 10 : 30;
        Report.Line($"- Harvest v3; the sandbox enforces {V3Limit} requests per {window.TotalSeconds} s per OAuth client (fixed windows), token requests apart " +
                    $"(their own 60 s window); the service's budget keeps its defaults (window {window.TotalSeconds} s + guard {budgetOptions.Guard.TotalSeconds} s, " +
                    $"background headroom {budgetOptions.BackgroundHeadroom:P0}), learning the limit from X-RateLimit-Limit");
        Report.Line($"- background sync may use {backgroundCapacity} slots per {(window + budgetOptions.Guard).TotalSeconds} s: its ceiling is {ceiling:P1} of the server's {V3Limit}/{window.TotalSeconds} s");
        Report.Line($"- each pass: fresh silo ({(options.Store == "postgres" ? "PostgreSQL" : "in-memory")} read model), fresh v3 credentials, org connected, then " +
                    $"{window.TotalSeconds + 2} s idle so the connect's permission probes have left every window, then a full pass. Pass 2 is a second full pass during which, " +
                    $"{window.TotalSeconds + 10} s in, {writers} schedules are created at once (each: create the interview, add a note, log the email)");

        var reps = options.RepsOr(full: 2, quick: 2);
        var rows = new List<IReadOnlyList<string>>();
        SyncRun? first = null;
        await using var rig = await SiloRig.StartAsync(options, postgres: options.Store == "postgres", budgetOptions.DefaultLimit);
        var orgId = await ConnectAsync(rig, sandbox, org, org.CreateApiKey().Key);
        await Task.Delay(window + TimeSpan.FromSeconds(2));
        WriteBack? writes = null;
        for (var rep = 1; rep <= reps; rep++)
        {
            Measured.Settle();
            var withWrites = rep == reps && reps > 1;
            var run = await PassAsync(rig, orgId, org, SyncMode.Full, withWrites
                ? async () =>
                {
                    await Task.Delay(window + TimeSpan.FromSeconds(10));
                    writes = await WriteDuringPassAsync(rig, orgId, org, writers);
                }
                : null);
            first ??= run;
            var mismatches = await VerifyCountsAsync(rig, orgId, org.Summary(), printTable: rep == 1, ServiceAccounts(org));
            var budget = await rig.Grains.GetGrain<IHarvestRateBudgetGrain>(GreenhouseBudget.KeyFor(orgId, GemScheduling.Greenhouse.HarvestApiVersion.V3)).GetStatus();
            var api = run.Calls.Where(c => c.Permission != "auth.token").ToList();
            var elapsed = run.Cost.Wall.TotalSeconds;
            var utilisation = api.Count / (elapsed / window.TotalSeconds * V3Limit);
            var stamps = api.Select(c => c.Timestamp).Order().ToList();
            rows.Add([
                rep.ToString(), withWrites ? $"+ {writers} schedules" : "sync only", run.Status.State, Report.F(elapsed, "0.0"), api.Count.ToString(),
                (run.Calls.Count - api.Count).ToString(), $"{utilisation:P1}", $"{utilisation / ceiling:P1}", run.RateLimited.ToString(), budget.TooManyRequestsSeen.ToString(),
                MaxSliding(stamps, window).ToString(), MaxSliding(stamps, window + budgetOptions.Guard).ToString(),
                $"{budget.GrantedByLane["background"]}/{budget.DeferredByLane["background"]}", $"{budget.GrantedByLane["write"]}/{budget.DeferredByLane["write"]}",
                budget.Limit.ToString(), mismatches.Count == 0 ? "yes" : string.Join("; ", mismatches),
            ]);
            Console.Error.WriteLine($"  sync-budget v3 rep {rep}/{reps}: {Report.F(elapsed)} s, {api.Count} requests, {run.RateLimited} 429s");
            if (run.RateLimited > 0)
            {
                Report.Line($"- **rep {rep}: the sandbox served {run.RateLimited} 429s**; first ones:");
                foreach (var call in run.Calls.Where(c => c.Status == 429).Take(10))
                    Report.Line($"  - {call.Timestamp:HH:mm:ss.fff} {call.Method} {call.PathAndQuery} fault={call.Fault}");
            }
        }

        Report.Table(
            ["pass", "load", "state", "wall s", "API requests", "token requests", $"utilisation of {V3Limit}/{window.TotalSeconds} s", "of the background ceiling",
             "429s served (sandbox)", "429s seen (budget)", $"max in any {window.TotalSeconds} s", $"max in any {(window + budgetOptions.Guard).TotalSeconds} s",
             "background granted/deferred", "write granted/deferred", "budget limit learnt", "counts = Summary()"],
            rows);
        Report.Line($"utilisation = API requests (all lanes) ÷ (elapsed ÷ {window.TotalSeconds} s × {V3Limit}); budget counters are cumulative over both passes.");
        if (writes is { } w)
        {
            Report.Line($"- write-back while the pass held the window full ({w.Schedules} schedules, {w.Writes} Greenhouse writes, made {w.IssuedAt:HH:mm:ss} UTC):");
            Report.Table(["what", "p50 s", "p95 s", "max s"],
            [
                ["create → interview in Greenhouse", Report.F(Percentile(w.InterviewSeconds, 0.5)), Report.F(Percentile(w.InterviewSeconds, 0.95)), Report.F(w.InterviewSeconds.Max())],
                ["create → every write done", Report.F(Percentile(w.AllSeconds, 0.5)), Report.F(Percentile(w.AllSeconds, 0.95)), Report.F(w.AllSeconds.Max())],
            ]);
            Report.Line($"- outcomes: {string.Join(", ", w.Outcomes.Select(o => $"{o.Value} {o.Key}"))}; writes that needed more than one try: {w.Retried}; " +
                        $"API calls to create the schedules: {Report.F(w.CreateSeconds)} s for all {w.Schedules}");
        }

        PrintKinds(first!);
    }

    private sealed record WriteBack(
        int Schedules, int Writes, DateTimeOffset IssuedAt, double CreateSeconds, List<double> InterviewSeconds, List<double> AllSeconds,
        IReadOnlyDictionary<string, int> Outcomes, int Retried);

    private static async Task<WriteBack> WriteDuringPassAsync(SiloRig rig, string orgId, SandboxOrganization org, int count)
    {
        var targets = Enumerable.Range(0, count * 3).Select(i => org.FindSchedulingTarget(i)).OfType<SchedulingTarget>()
            .DistinctBy(t => t.ApplicationId).Take(count).ToList();
        var issued = DateTimeOffset.UtcNow;
        var day = issued.UtcDateTime.Date.AddDays(14);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var created = await Task.WhenAll(targets.Select(async (t, i) =>
        {
            var id = $"sch_bench{i:D4}{Guid.NewGuid():N}"[..24];
            var start = new DateTimeOffset(day.AddDays(i / 8).AddHours(9 + i % 8), TimeSpan.Zero);
            var grain = rig.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.Key(orgId, id));
            await grain.Create(new CreateSchedule(t.ApplicationId,
                [new InterviewRequest(t.InterviewStepId, t.InterviewerUserIds.Take(1).Select(u => new InterviewerRef(u, null)).ToList(), start, start.AddMinutes(45), "UTC", null, null)],
                null, "bench", null));
            return (Grain: grain, CreatedAt: DateTimeOffset.UtcNow);
        }));
        var createSeconds = started.Elapsed.TotalSeconds;

        var views = new ScheduleView[created.Length];
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(20);
        while (true)
        {
            for (var i = 0; i < created.Length; i++)
                views[i] = (await created[i].Grain.Get())!;
            if (views.All(v => v.Mutations.All(m => m.Status != MutationStatus.Pending)) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(250);
        }

        var interview = new List<double>();
        var all = new List<double>();
        for (var i = 0; i < views.Length; i++)
        {
            var at = created[i].CreatedAt;
            if (views[i].Mutations.FirstOrDefault(m => m.Kind == MutationKind.CreateInterview)?.CompletedAt is { } landed)
                interview.Add((landed - at).TotalSeconds);
            if (views[i].Mutations.All(m => m.CompletedAt is not null))
                all.Add((views[i].Mutations.Max(m => m.CompletedAt!.Value) - at).TotalSeconds);
        }

        var mutations = views.SelectMany(v => v.Mutations).ToList();
        return new WriteBack(created.Length, mutations.Count, issued, createSeconds, interview, all,
            mutations.GroupBy(m => m.Status.Wire()).ToDictionary(g => g.Key, g => g.Count()), mutations.Count(m => m.Attempts > 1));
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
