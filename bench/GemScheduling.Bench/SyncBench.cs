using GemScheduling.Greenhouse;
using GemScheduling.Budget;
using GemScheduling.Harvest;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Bench;

/// <summary>Full, budget-bound and incremental sync passes through the real sync grain, against a sandbox org.</summary>
public sealed partial class SyncBench(BenchOptions options)
{
    /// <summary>"Rate limit off": the sandbox sends no X-RateLimit-Limit, so the budget would stay at its default of 50; open it.</summary>
    private const int OpenBudget = 1_000_000;

    private static readonly TimeSpan PassTimeout = TimeSpan.FromMinutes(30);

    public sealed record SyncRun(
        string Store, SyncStatus Status, Measured Cost, long Requests, long RateLimited, IReadOnlyList<CallRecord> Calls,
        double PostgresCpuSeconds, double MachineBusy)
    {
        public int Pages => Status.Kinds.Sum(k => k.PagesDone);
        public long Records => Status.Kinds.Sum(k => k.Records);
        public double GrainSeconds => (Status.FinishedAt!.Value - Status.StartedAt!.Value).TotalSeconds;
        public double CpuShare => Cost.Cpu.TotalSeconds / Cost.Wall.TotalSeconds / Environment.ProcessorCount;

        public IReadOnlyDictionary<string, int> ByEndpoint =>
            Calls.GroupBy(c => c.Permission ?? c.PathAndQuery).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<(HarvestSandboxServer Sandbox, SandboxOrganization Org)> SandboxAsync(BenchOptions options, int? rateLimit)
    {
        var sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        var (org, cost) = await Measured.RunAsync(() => Task.FromResult(
            sandbox.State.CreateOrganization(new OrganizationOptions { Seed = options.Seed, Scale = options.Scale, RateLimit = rateLimit })));
        var s = org.Summary();
        Report.Line($"- sandbox org generated in {Report.F(cost.Wall.TotalSeconds)} s: {s.Offices:N0} offices, {s.Users:N0} users, {s.Jobs:N0} jobs, " +
                    $"{s.JobPosts:N0} job posts, {s.JobStages:N0} job stages, {s.Candidates:N0} candidates, {s.Applications:N0} applications; " +
                    $"rate limit {(rateLimit is null ? "off" : $"{rateLimit} per 10 s")}");
        return (sandbox, org);
    }

    // ---------------------------------------------------------------- sync-full

    public async Task FullAsync()
    {
        var (sandbox, org) = await SandboxAsync(options, rateLimit: null);
        await using var _ = sandbox;
        var stores = (options.Store ?? "both") switch
        {
            "memory" => new[] { false },
            "postgres" => [true],
            _ => [false, true],
        };
        if (stores.Contains(true))
            Report.Line($"- PostgreSQL: {await BenchDatabase.ServerVersionAsync(options.PostgresAdmin)}");
        Report.Line($"- SyncOptions: PageSize 500, PageConcurrency {options.PageConcurrency}; RateBudgetOptions.DefaultLimit {OpenBudget:N0} (budget opened: the sandbox sends no limit header with rate limiting off)");
        Report.Line("- each pass: a fresh silo (and, for PostgreSQL, a fresh migrated gs_bench_* database), a new org connected, then one full pass timed from Start() to a non-running status (polled every 25 ms)");

        var reps = options.RepsOr(full: 3, quick: 2);
        var runs = new List<SyncRun>();
        var extras = new List<string>();
        foreach (var postgres in stores)
        {
            for (var rep = 1; rep <= reps; rep++)
            {
                Measured.Settle();
                await using var rig = await SiloRig.StartAsync(options, postgres, OpenBudget);
                var key = org.CreateApiKey().Key;
                var orgId = await ConnectAsync(rig, sandbox, org, key);
                var run = await PassAsync(rig, orgId, org, SyncMode.Full);
                runs.Add(run);
                var mismatches = await VerifyCountsAsync(rig, orgId, org.Summary(), printTable: rep == 1, ServiceAccounts(org));
                if (rig.Database is { } db)
                {
                    extras.Add($"- postgres rep {rep}: database {await db.ScalarAsync("SELECT pg_size_pretty(pg_database_size(current_database()))")} after the pass; " +
                               $"{await db.ScalarAsync("SELECT count(*) FROM events")} events stored; {await db.ScalarAsync("SELECT count(*) FROM gh_applications")} gh_applications rows");
                }

                Console.Error.WriteLine($"  sync-full {run.Store} rep {rep}/{reps}: {Report.F(run.Cost.Wall.TotalSeconds)} s, {run.Status.State}, counts {(mismatches.Count == 0 ? "ok" : string.Join("; ", mismatches))}");
                if (mismatches.Count > 0)
                    Report.Line($"- **{run.Store} rep {rep}: read model counts differ from Summary(): {string.Join("; ", mismatches)}**");
            }
        }

        PrintRuns(runs);
        foreach (var line in extras)
            Report.Line(line);
        PrintKinds(runs[0]);
        PrintEndpoints([("full pass", runs[0])]);
        Report.Line($"- sandbox totals: {org.Counters().Requests:N0} requests, {org.Counters().RateLimited} 429s");
    }

    // ---------------------------------------------------------------- sync-budget

    public async Task BudgetAsync()
    {
        if (options.Harvest == "v3")
        {
            await V3BudgetAsync();
            return;
        }

        const int limit = 50;
        var (sandbox, org) = await SandboxAsync(options, rateLimit: limit);
        await using var _ = sandbox;
        var options2 = new Harvest.RateBudget.RateBudgetOptions();
        var backgroundCapacity = Math.Max(1, limit - Math.Max(1, (int)Math.Ceiling(limit * options2.BackgroundHeadroom)));
        var ceiling = backgroundCapacity / (options2.Window + options2.Guard).TotalSeconds / (limit / options2.Window.TotalSeconds);
        Report.Line($"- sandbox enforces {limit} requests per 10 s per key (fixed windows); the service's budget keeps its defaults " +
                    $"(DefaultLimit {options2.DefaultLimit}, window {options2.Window.TotalSeconds} s + guard {options2.Guard.TotalSeconds} s, background headroom {options2.BackgroundHeadroom:P0})");
        Report.Line($"- background sync may use {backgroundCapacity} slots per {(options2.Window + options2.Guard).TotalSeconds} s: its ceiling is {ceiling:P1} of the server's {limit}/10 s");
        Report.Line("- each pass: fresh silo (in-memory read model), fresh sandbox key, org connected, then 12 s idle so the connect's permission probes have left every window, then a full pass");

        var reps = options.RepsOr(full: 2, quick: 1);
        var rows = new List<IReadOnlyList<string>>();
        SyncRun? first = null;
        for (var rep = 1; rep <= reps; rep++)
        {
            Measured.Settle();
            await using var rig = await SiloRig.StartAsync(options, postgres: false, new Harvest.RateBudget.RateBudgetOptions().DefaultLimit);
            var apiKey = org.CreateApiKey();
            var orgId = await ConnectAsync(rig, sandbox, org, apiKey.Key);
            await Task.Delay(TimeSpan.FromSeconds(12));
            var run = await PassAsync(rig, orgId, org, SyncMode.Full);
            first ??= run;
            var mismatches = await VerifyCountsAsync(rig, orgId, org.Summary(), printTable: false, ServiceAccounts(org));
            var budget = await rig.Grains.GetGrain<IHarvestRateBudgetGrain>(orgId).GetStatus();
            var elapsed = run.Cost.Wall.TotalSeconds;
            var utilisation = run.Requests / (elapsed / 10 * limit);
            var stamps = run.Calls.Where(c => c.KeyId == apiKey.Id).Select(c => c.Timestamp).Order().ToList();
            rows.Add([
                rep.ToString(), run.Status.State, Report.F(elapsed, "0.0"), run.Requests.ToString(), Report.F(run.Requests / elapsed, "0.00"),
                $"{utilisation:P1}", $"{utilisation / ceiling:P1}", run.RateLimited.ToString(), budget.TooManyRequestsSeen.ToString(),
                MaxAligned(stamps).ToString(), MaxSliding(stamps, TimeSpan.FromSeconds(10)).ToString(), MaxSliding(stamps, TimeSpan.FromSeconds(11)).ToString(),
                $"{budget.GrantedByLane["background"]}/{budget.DeferredByLane["background"]}", budget.Limit.ToString(),
                mismatches.Count == 0 ? "yes" : string.Join("; ", mismatches),
            ]);
            Console.Error.WriteLine($"  sync-budget rep {rep}/{reps}: {Report.F(elapsed)} s, {run.Requests} requests, {run.RateLimited} 429s");
            if (run.RateLimited > 0)
            {
                Report.Line($"- **rep {rep}: the sandbox served {run.RateLimited} 429s**; first ones:");
                foreach (var call in run.Calls.Where(c => c.Status == 429).Take(10))
                    Report.Line($"  - {call.Timestamp:HH:mm:ss.fff} {call.Method} {call.PathAndQuery} fault={call.Fault}");
            }
        }

        Report.Table(
            ["rep", "state", "wall s", "requests", "requests/s", "utilisation of 50/10 s", "of the background ceiling", "429s served (sandbox)",
             "429s seen (budget)", "max in a fixed 10 s window", "max in any 10 s", "max in any 11 s", "background granted/deferred", "budget limit learnt", "counts = Summary()"],
            rows);
        Report.Line("utilisation = requests made ÷ (elapsed ÷ 10 s × 50); the background ceiling is the budget's own cap (see above).");
        PrintKinds(first!);
    }

    private static int MaxAligned(IReadOnlyList<DateTimeOffset> stamps) =>
        stamps.Count == 0 ? 0 : stamps.GroupBy(t => t.ToUnixTimeMilliseconds() / 10_000).Max(g => g.Count());

    private static int MaxSliding(IReadOnlyList<DateTimeOffset> stamps, TimeSpan width)
    {
        var best = 0;
        for (int i = 0, j = 0; j < stamps.Count; j++)
        {
            while (stamps[j] - stamps[i] >= width)
                i++;
            best = Math.Max(best, j - i + 1);
        }

        return best;
    }

    // ---------------------------------------------------------------- sync-incremental

    public async Task IncrementalAsync()
    {
        var (sandbox, org) = await SandboxAsync(options, rateLimit: null);
        await using var _ = sandbox;
        var postgres = options.Store == "postgres";
        Report.Line($"- read model: {(postgres ? "PostgreSQL" : "in-memory")}; budget opened (DefaultLimit {OpenBudget:N0}); SyncOptions.Overlap 2 min (default)");
        await using var rig = await SiloRig.StartAsync(options, postgres, OpenBudget);
        var key = org.CreateApiKey().Key;
        var orgId = await ConnectAsync(rig, sandbox, org, key);
        var full = await PassAsync(rig, orgId, org, SyncMode.Full);
        await VerifyCountsAsync(rig, orgId, org.Summary(), printTable: false, ServiceAccounts(org));
        Console.Error.WriteLine($"  sync-incremental: full pass {Report.F(full.Cost.Wall.TotalSeconds)} s");

        var readModel = rig.Services.GetRequiredService<IGreenhouseReadModel>();
        var candidateIds = new List<long>();
        var query = new ReadQuery { Limit = 500 };
        while (true)
        {
            var page = await readModel.ListAsync<Candidate>(orgId, query);
            candidateIds.AddRange(page.Items.Select(c => c.Id));
            if (page.NextAfterId is null)
                break;
            query = query with { AfterId = page.NextAfterId };
        }

        var reps = options.RepsOr(full: 3, quick: 2);
        var runs = new List<(string Label, SyncRun Run)> { ("full pass", full) };
        var rows = new List<IReadOnlyList<string>>();
        for (var rep = 1; rep <= reps; rep++)
        {
            // A different 1% each time: every 100th candidate, offset by the repetition.
            var offset = rep * 37 % 100;
            var changed = candidateIds.Where((_, index) => index % 100 == offset).ToList();
            var lastName = $"Bench{rep}";
            var (_, updateCost) = await Measured.RunAsync(() =>
            {
                foreach (var id in changed)
                    org.UpdateCandidate(id, new CandidateChanges { LastName = lastName });
                return Task.FromResult(0);
            });
            var run = await PassAsync(rig, orgId, org, SyncMode.Incremental);
            runs.Add(($"incremental {rep}", run));
            var seen = (await readModel.GetManyAsync<Candidate>(orgId, changed)).Count(c => c.LastName == lastName);
            var candidates = run.Status.Kinds.Single(k => k.Kind == nameof(ResourceKind.Candidates));
            rows.Add([
                rep.ToString(), changed.Count.ToString(), Report.F(updateCost.Wall.TotalMilliseconds, "0"), run.Status.State,
                Report.F(run.Cost.Wall.TotalSeconds, "0.000"), Report.F(run.GrainSeconds, "0.000"), run.Requests.ToString(), run.Pages.ToString(),
                run.Records.ToString(), candidates.Records.ToString(), $"{seen}/{changed.Count}",
            ]);
            Console.Error.WriteLine($"  sync-incremental rep {rep}/{reps}: {Report.F(run.Cost.Wall.TotalSeconds)} s, {run.Requests} requests");
        }

        Report.Table(
            ["rep", "candidates changed", "UpdateCandidate ms (all)", "state", "wall s", "grain-reported s", "Harvest calls", "pages", "records fetched",
             "candidate records", "changes in read model"],
            rows);
        Report.Line($"- the full pass before them: {Report.F(full.Cost.Wall.TotalSeconds)} s wall, {full.Requests} Harvest calls, {full.Pages} pages, {full.Records:N0} records");
        PrintEndpoints(runs);
        PrintKinds(runs[1].Run, "incremental 1");
    }

    // ---------------------------------------------------------------- shared

    private Task<string> ConnectAsync(SiloRig rig, HarvestSandboxServer sandbox, SandboxOrganization org, string key) =>
        ConnectAsync(rig, sandbox, org, key, options.Harvest, options.StageOnApplications);

    /// <summary>A new org in the rig, connected to the sandbox org through a v1 key or v3 credentials.</summary>
    public static async Task<string> ConnectAsync(SiloRig rig, HarvestSandboxServer sandbox, SandboxOrganization org, string key, string harvest, bool stageOnApplications = false)
    {
        var orgId = ApiTokens.NewOrgId();
        await rig.Grains.GetGrain<IOrgGrain>(orgId).Create("Bench", "bench");
        var organizer = org.ListUsers().First(u => !u.Disabled).PrimaryEmailAddress;
        ConnectGreenhouse request;
        if (harvest == "v3")
        {
            // Same limit as the v1 key (off unless sync-budget), and every job visible so the counts compare with v1.
            org.V3Options = org.V3Options with
            {
                RateLimit = org.RateLimit, HideConfidentialJobs = false, ApplicationsCarryJobInterviewStageId = stageOnApplications,
            };
            var (clientId, clientSecret) = org.CreateV3Credentials();
            request = new ConnectGreenhouse("v3", sandbox.BaseAddress.ToString(), null, organizer, ClientId: clientId, ClientSecret: clientSecret);
        }
        else
        {
            request = new ConnectGreenhouse("v1", sandbox.BaseAddress.ToString(), key, organizer);
        }

        await rig.Grains.GetGrain<IOrgGrain>(orgId).ConnectGreenhouse(request, "bench");
        return orgId;
    }

    private static async Task<SyncRun> PassAsync(SiloRig rig, string orgId, SandboxOrganization org, SyncMode mode, Func<Task>? meanwhile = null)
    {
        var before = org.Counters();
        var lastSequence = org.CallLog().LastOrDefault()?.Sequence ?? 0;
        var sync = rig.Grains.GetGrain<ISyncGrain>(orgId);
        var postgresCpu = HostCpu.PostgresSeconds();
        var machine = HostCpu.Machine();
        var (status, cost) = await Measured.RunAsync(async () =>
        {
            var started = await sync.Start(mode, "bench");
            var alongside = meanwhile?.Invoke() ?? Task.CompletedTask;
            var deadline = DateTime.UtcNow + PassTimeout;
            while (true)
            {
                var current = await sync.GetStatus();
                if (current.PassId == started.PassId && current.State != SyncStatus.Running)
                {
                    await alongside;
                    return current;
                }
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"pass {started.PassId} still running after {PassTimeout}: " +
                                               string.Join(", ", current.Kinds.Select(k => $"{k.Kind} {k.PagesDone}/{k.PagesTotal} {k.LastError}")));
                await Task.Delay(25);
            }
        });
        var postgresCpuAfter = HostCpu.PostgresSeconds();
        var machineAfter = HostCpu.Machine();
        var after = org.Counters();
        var calls = org.CallLog().Where(c => c.Sequence > lastSequence).ToList();
        if (status.State != SyncStatus.Succeeded)
            Report.Line($"- **pass {status.PassId} ended {status.State}: {string.Join("; ", status.Kinds.Where(k => k.LastError is not null).Select(k => $"{k.Kind}: {k.LastError}"))}**");
        return new SyncRun(rig.StoreName, status, cost, after.Requests - before.Requests, after.RateLimited - before.RateLimited, calls,
            postgresCpuAfter - postgresCpu, HostCpu.BusyShare(machine, machineAfter));
    }

    private static async Task<List<string>> VerifyCountsAsync(SiloRig rig, string orgId, DataSummary summary, bool printTable, int serviceAccounts = 0)
    {
        var readModel = rig.Services.GetRequiredService<IGreenhouseReadModel>();
        var expected = new Dictionary<ResourceKind, int>
        {
            // v3 hides service accounts from /v3/users, among them the Integration Service User its credentials made.
            [ResourceKind.Offices] = summary.Offices, [ResourceKind.Users] = summary.Users - serviceAccounts, [ResourceKind.Jobs] = summary.Jobs,
            [ResourceKind.JobPosts] = summary.JobPosts, [ResourceKind.JobStages] = summary.JobStages,
            [ResourceKind.Candidates] = summary.Candidates, [ResourceKind.Applications] = summary.Applications,
        };
        var rows = new List<IReadOnlyList<string>>();
        var mismatches = new List<string>();
        foreach (var (kind, count) in expected)
        {
            var actual = await readModel.CountAsync(orgId, kind);
            rows.Add([kind.ToString(), count.ToString("N0"), actual.ToString("N0"), actual == count ? "yes" : "**NO**"]);
            if (actual != count)
                mismatches.Add($"{kind} {actual} vs {count}");
        }

        if (printTable)
        {
            Report.Line($"- read model counts ({rig.StoreName}) against the sandbox's Summary():");
            Report.Table(["kind", "Summary()", "read model", "equal"], rows);
        }

        return mismatches;
    }

    /// <summary>Users v3 hides and the sandbox counts: the Integration Service User of v3 credentials.</summary>
    private int ServiceAccounts(SandboxOrganization org) => options.Harvest == "v3" && org.IntegrationServiceUserId is not null ? 1 : 0;

    private static void PrintRuns(IReadOnlyList<SyncRun> runs)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in runs.GroupBy(r => r.Store))
        {
            var index = 0;
            foreach (var run in group)
            {
                rows.Add([
                    group.Key, ++index == 1 ? "1 (first)" : index.ToString(), run.Status.State, Report.F(run.Cost.Wall.TotalSeconds), Report.F(run.GrainSeconds),
                    run.Pages.ToString(), Report.N(run.Records), Report.N(run.Records / run.Cost.Wall.TotalSeconds),
                    Report.F(run.Pages / run.Cost.Wall.TotalSeconds, "0.0"), run.Requests.ToString(), run.RateLimited.ToString(),
                    Report.F(run.Cost.Cpu.TotalSeconds, "0.0"), $"{run.CpuShare:P0}", Report.F(run.PostgresCpuSeconds, "0.0"),
                    $"{run.MachineBusy:P0}", Report.F(run.Cost.AllocatedBytes / 1e9, "0.0"),
                ]);
            }

            var list = group.Skip(group.Count() > 1 ? 1 : 0).ToList();
            rows.Add([
                $"**{group.Key}**", list.Count < group.Count() ? "median (min–max) of reps 2+" : "median", "", Report.Spread(list.Select(r => r.Cost.Wall.TotalSeconds).ToList()), "", "",
                "", Report.Spread(list.Select(r => r.Records / r.Cost.Wall.TotalSeconds).ToList(), "N0"), "", "", "", "", "", "", "", "",
            ]);
        }

        Report.Table(
            ["read model", "rep", "state", "wall s", "grain-reported s", "pages", "records", "records/s", "pages/s", "Harvest calls", "429s",
             "CPU s (process)", "process CPU share of 2 cores", "PostgreSQL CPU s", "machine busy (all processes)", "alloc GB (process)"],
            rows);
        Report.Line("Process CPU and allocations include the in-process sandbox serving every page. PostgreSQL CPU is the utime+stime of the server's processes during the pass; machine busy includes the other engineer's work.");
    }

    private static void PrintKinds(SyncRun run, string label = "first pass")
    {
        Report.Line($"- per kind ({label}, {run.Store}):");
        Report.Table(
            ["kind", "pages", "of total", "records", "finished after s", "attempts"],
            run.Status.Kinds.Select(k => (IReadOnlyList<string>)[
                k.Kind, k.PagesDone.ToString(), k.PagesTotal?.ToString() ?? "?", Report.N(k.Records),
                k.FinishedAt is { } f && k.StartedAt is { } s ? Report.F((f - s).TotalSeconds) : "", k.Attempts.ToString(),
            ]));
    }

    private static void PrintEndpoints(IReadOnlyList<(string Label, SyncRun Run)> runs)
    {
        var endpoints = runs.SelectMany(r => r.Run.ByEndpoint.Keys).Distinct().Order().ToList();
        Report.Line("- Harvest calls per endpoint (from the sandbox's call log):");
        Report.Table(
            ["endpoint", .. runs.Select(r => r.Label)],
            endpoints.Select(e => (IReadOnlyList<string>)[e, .. runs.Select(r => r.Run.ByEndpoint.GetValueOrDefault(e).ToString())])
                .Append(["**total**", .. runs.Select(r => r.Run.Calls.Count.ToString())]));
    }
}
