using System.Diagnostics;
using GemScheduling.HarvestSandbox;

namespace GemScheduling.Bench;

public sealed partial class LoadBench
{
    private static string LimitName(int? limit) =>
        $"sandbox rate limit {(limit is null ? "off (100,000 per 10 s, so the budget opens)" : $"{limit} per 10 s per org")}";

    private void DescribeService(ServiceProcess service) =>
        Report.Line($"- {service.StoreName} service: `dotnet {Path.GetFileName(options.ServiceDll ?? ServiceProcess.DefaultServiceDll())} --urls http://127.0.0.1:<port>` as its own process (pid {service.Pid}), " +
                    $"Production environment, its appsettings.json, Admin__Token, Demo__Enabled=false, Orleans ports, Secrets__MasterKey{(service.Database is { } db ? $", ConnectionStrings__Postgres → fresh database {db.Name}" : "")}; RSS after start {service.RssBytes() / 1048576.0:0} MiB");

    /// <summary>What each client count runs, once per rate limit (both stores run the same).</summary>
    private void DescribeWorkload() =>
        Report.Line($"- per client count K: {Ops} creates (2 interviews of 1 h back to back, one interviewer each, the application and interviewers from `FindSchedulingTarget`, each schedule in its own 2-h slot of its org), then {Ops} moves (PATCH: the first interview to a new slot, 45 min), then {Ops} cancels; " +
                    "K clients share the work, client c's i-th create goes to org (c + i) mod orgs (so every K spreads over all orgs) and its moves and cancels follow its schedules; after each phase the bench waits until no write is pending (GET .../schedules?status=pending), then reads every schedule");

    /// <summary>Connects <see cref="BenchOptions.Orgs"/> sandbox orgs to the service and describes them.</summary>
    private async Task<List<ServiceOrg>> ConnectOrgsAsync(ServiceProcess service, HarvestSandboxServer sandbox, int? limit)
    {
        var orgs = new List<ServiceOrg>();
        for (var i = 0; i < options.Orgs; i++)
        {
            var org = await ServiceOrg.ConnectAsync(service, sandbox,
                new OrganizationOptions { Seed = options.Seed + 100 * i + (limit ?? 0), Scale = DataScale.Demo, RateLimit = limit ?? 100_000 }, $"Load {i + 1}");
            orgs.Add(org);
        }

        var budgets = new List<string>();
        foreach (var org in orgs)
            budgets.Add((await org.BudgetAsync()).GetProperty("limit").GetInt32().ToString("N0"));
        Report.Line($"- {service.StoreName}: {orgs.Count} orgs, each its own Demo-scale sandbox org and key ({orgs[0].Sandbox.Summary().Users} users, {orgs[0].Sandbox.Summary().Applications} applications); " +
                    $"connect + first full sync {string.Join(", ", orgs.Select(o => Report.F(o.SyncSeconds, "0.0")))} s; schedulable applications {string.Join(", ", orgs.Select(o => o.Targets.Count))}; " +
                    $"budget limit learnt by the service: {string.Join(", ", budgets)}");
        return orgs;
    }

    /// <summary>
    /// Warm-up (not reported). A fresh process spends most of its first minutes of load in the JIT (tier-0 code, then
    /// instrumented and tier-1 recompilation: ~37,000 methods); a short warm-up measured that, not the service.
    /// </summary>
    private async Task WarmAsync(ServiceProcess service, IReadOnlyList<ServiceOrg> orgs)
    {
        var warmK = Math.Max(orgs.Count, Clients.Max());
        var warmWatch = Stopwatch.StartNew();
        var warm = await RunClientsAsync(service, orgs, warmK, WarmupOps);
        Report.Line($"- {service.StoreName} warm-up (not in the tables): {warmK} clients, {WarmupOps} schedules created, moved and cancelled in {warmWatch.Elapsed.TotalSeconds:0} s, {string.Join(", ", warm.Phases.Select(p => $"{p.Phase} {p.Succeeded}/{p.Ops} ok"))}, " +
                    $"service CPU per create {MsPerOp(warm.Phases[0].ServiceCpuSeconds, warm.Phases[0]):0.0} ms (JIT included)");
    }

    private static async Task PrintBudgetsAsync(IReadOnlyList<ServiceOrg> orgs)
    {
        var after = new List<string>();
        foreach (var org in orgs)
        {
            var budget = await org.BudgetAsync();
            after.Add($"{org.OrgId}: limit {budget.GetProperty("limit").GetInt32():N0}, 429s seen {budget.GetProperty("tooManyRequestsSeen").GetInt64()}, " +
                      $"granted/deferred write {budget.GetProperty("grantedByLane").GetProperty("write").GetInt64()}/{budget.GetProperty("deferredByLane").GetProperty("write").GetInt64()}, " +
                      $"background {budget.GetProperty("grantedByLane").GetProperty("background").GetInt64()}/{budget.GetProperty("deferredByLane").GetProperty("background").GetInt64()}; " +
                      $"sandbox: {org.Sandbox.Counters().Requests:N0} requests, {org.Sandbox.Counters().RateLimited} × 429");
        }

        Report.Line("- rate budgets at the end (GET .../sync → budget) and the sandbox's counters, per org:");
        foreach (var line in after)
            Report.Line($"  - {line}");
    }

    private static void PrintServiceEnd(ServiceProcess service) =>
        Report.Line($"- {service.StoreName} service RSS at the end {service.RssBytes() / 1048576.0:0} MiB; {service.OutputLines:N0} lines of service console output, by level and category (top 6): " +
                    string.Join(", ", service.LogCategories().OrderByDescending(c => c.Value).Take(6).Select(c => $"{c.Key} {c.Value:N0}")));
}
