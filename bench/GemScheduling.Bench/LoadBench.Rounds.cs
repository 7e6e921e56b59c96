using GemScheduling.HarvestSandbox;

namespace GemScheduling.Bench;

/// <summary>
/// <c>load --rounds N</c> with both stores: the PostgreSQL and in-memory services run side by side and take turns, round
/// after round, which goes first alternating. On a shared machine whose speed drifts over minutes (identical runs of the
/// memory service alone measured 248–443 creates/s), one store measured a few minutes after the other compares two
/// machines; turns a few seconds apart compare the stores on the same one.
/// </summary>
public sealed partial class LoadBench
{
    /// <summary>One round at one client count, with the rate limit off: the two stores' results, side by side.</summary>
    private sealed record Round(int Number, bool PostgresFirst, ClientsResult Postgres, ClientsResult Memory, double PostgresMachineSeconds, double MemoryMachineSeconds)
    {
        public PhaseResult Pg(string phase) => Postgres.Phases.Single(p => p.Phase == phase);

        public PhaseResult Mem(string phase) => Memory.Phases.Single(p => p.Phase == phase);

        public double Ratio(string phase) => PerSecond(Pg(phase)) / PerSecond(Mem(phase));

        /// <summary>Machine CPU per lifecycle, memory over PostgreSQL: how many PostgreSQL lifecycles a core does for each memory one.</summary>
        public double CpuRatio => MsPerLifecycle(MemoryMachineSeconds, Memory) / MsPerLifecycle(PostgresMachineSeconds, Postgres);
    }

    private readonly List<Round> _rounds = [];

    private static double MsPerLifecycle(double seconds, ClientsResult run) => seconds * 1000 / Math.Max(1, run.Phases.Min(p => p.Succeeded));

    private async Task AlternatingAsync(int rounds, Baseline? baseline)
    {
        Report.Line("");
        Report.Line($"### API load, PostgreSQL and in-memory services side by side, {rounds} alternating rounds");
        Measured.Settle();
        await using var pgService = await ServiceProcess.StartAsync(options, postgres: true);
        await using var memService = await ServiceProcess.StartAsync(options, postgres: false);
        await using var pgSandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        await using var memSandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        DescribeService(pgService);
        DescribeService(memService);
        Report.Line("- clients: this process, one `SocketsHttpHandler` shared by both services' clients (no connection cap), HTTP/1.1 on loopback; each client is one task issuing requests back to back with its org's API token");
        Report.Line($"- each round runs every K on one service, then on the other; odd rounds start with PostgreSQL, even rounds with memory. The service not being measured is idle (its timers and reminders still run).");

        foreach (var limit in options.Limits)
        {
            Report.Line("");
            Report.Line($"#### both stores, {LimitName(limit)}");
            var pgOrgs = await ConnectOrgsAsync(pgService, pgSandbox, limit);
            var memOrgs = await ConnectOrgsAsync(memService, memSandbox, limit);
            DescribeWorkload();
            await WarmAsync(pgService, pgOrgs);
            await WarmAsync(memService, memOrgs);

            var pgRuns = new List<ClientsResult>();
            var memRuns = new List<ClientsResult>();
            var played = new List<Round>();
            for (var number = 1; number <= rounds; number++)
            {
                var postgresFirst = number % 2 == 1;
                foreach (var k in Clients)
                {
                    (ClientsResult Run, double MachineSeconds) pg, mem;
                    if (postgresFirst)
                    {
                        pg = await TurnAsync(pgService, pgOrgs, k);
                        mem = await TurnAsync(memService, memOrgs, k);
                    }
                    else
                    {
                        mem = await TurnAsync(memService, memOrgs, k);
                        pg = await TurnAsync(pgService, pgOrgs, k);
                    }

                    pgRuns.Add(pg.Run);
                    memRuns.Add(mem.Run);
                    played.Add(new Round(number, postgresFirst, pg.Run, mem.Run, pg.MachineSeconds, mem.MachineSeconds));
                    Console.Error.WriteLine($"  round {number}/{rounds} K={k}: create ratio {played[^1].Ratio("create"):0.00}");
                }
            }

            PrintRounds(played);
            Report.Line("");
            Report.Line($"##### PostgreSQL, every round ({LimitName(limit)})");
            PrintRuns(pgRuns, postgres: true, baseline);
            await PrintBudgetsAsync(pgOrgs);
            Report.Line("");
            Report.Line($"##### in-memory, every round ({LimitName(limit)})");
            PrintRuns(memRuns, postgres: false, baseline);
            await PrintBudgetsAsync(memOrgs);
            if (limit is null)
            {
                _unlimited[true] = pgRuns;
                _unlimited[false] = memRuns;
                _rounds.AddRange(played);
            }
        }

        PrintServiceEnd(pgService);
        PrintServiceEnd(memService);
    }

    private readonly List<double> _quietWaits = [];

    /// <summary>
    /// A turn starts on a quiet machine. What a service does after its last response (write-back draining, the garbage
    /// collector, deactivations) would otherwise fall on the next turn: on the other service's, or on its own when it
    /// goes twice in a row. Both stores are treated alike. That after-work is still counted, in the machine's CPU from
    /// the turn's start until the machine is quiet again.
    /// </summary>
    private async Task<(ClientsResult Run, double MachineSeconds)> TurnAsync(ServiceProcess service, IReadOnlyList<ServiceOrg> orgs, int k)
    {
        _quietWaits.Add(await QuietAsync());
        var start = HostCpu.Machine();
        var run = await RunClientsAsync(service, orgs, k, Ops);
        if (service.Database is null)
            await Task.Delay(StatisticsFlush); // the PostgreSQL turn waits this out inside its run: both count the same idle span
        await QuietAsync();
        return (run, HostCpu.BusySeconds(start, HostCpu.Machine()));
    }

    /// <summary>Waits for a second with the machine under <see cref="QuietBusyShare"/> busy; returns the seconds waited.</summary>
    private static async Task<double> QuietAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var before = HostCpu.Machine(); waited.Elapsed < QuietLimit; )
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = HostCpu.Machine();
            if (HostCpu.BusyShare(before, now) < QuietBusyShare)
                break;
            before = now;
        }

        return waited.Elapsed.TotalSeconds;
    }

    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(60);
    private const double QuietBusyShare = 0.10;

    private void PrintRounds(IReadOnlyList<Round> played)
    {
        Report.Line($"- before each turn the bench waited for a second with the machine under {QuietBusyShare:P0} busy (at most {QuietLimit.TotalSeconds:0} s): {Report.Spread(_quietWaits, "0.0")} s");
        Report.Line("- each round, PostgreSQL against memory at the same K (requests/s ÷ requests/s); CPU per create: the service's own, and PostgreSQL's in the PostgreSQL turn:");
        Report.Table(
            ["round", "K", "first", "creates/s PostgreSQL", "creates/s memory", "create ratio", "move ratio", "cancel ratio",
             "service CPU ms per create: PostgreSQL / memory", "PostgreSQL CPU ms per create", "machine busy: PostgreSQL / memory",
             "machine CPU ms per lifecycle, turn start → quiet: PostgreSQL / memory", "CPU ratio"],
            played.Select(r => (IReadOnlyList<string>)[
                r.Number.ToString(), r.Postgres.Clients.ToString(), r.PostgresFirst ? "PostgreSQL" : "memory",
                Report.F(PerSecond(r.Pg("create")), "0.0"), Report.F(PerSecond(r.Mem("create")), "0.0"),
                Report.F(r.Ratio("create")), Report.F(r.Ratio("move")), Report.F(r.Ratio("cancel")),
                $"{Report.F(MsPerOp(r.Pg("create").ServiceCpuSeconds, r.Pg("create")), "0.0")} / {Report.F(MsPerOp(r.Mem("create").ServiceCpuSeconds, r.Mem("create")), "0.0")}",
                Report.F(MsPerOp(r.Pg("create").PostgresCpuSeconds, r.Pg("create")), "0.0"),
                $"{r.Pg("create").MachineBusy:P0} / {r.Mem("create").MachineBusy:P0}",
                $"{Report.F(MsPerLifecycle(r.PostgresMachineSeconds, r.Postgres), "0.0")} / {Report.F(MsPerLifecycle(r.MemoryMachineSeconds, r.Memory), "0.0")}",
                Report.F(r.CpuRatio),
            ]));
        foreach (var k in played.Select(r => r.Postgres.Clients).Distinct())
        {
            var at = played.Where(r => r.Postgres.Clients == k).ToList();
            Report.Line($"- K = {k}, over {at.Count} rounds, median (min–max): create ratio {Report.Spread(at.Select(r => r.Ratio("create")).ToList())}, " +
                        $"move {Report.Spread(at.Select(r => r.Ratio("move")).ToList())}, cancel {Report.Spread(at.Select(r => r.Ratio("cancel")).ToList())}; " +
                        $"CPU ratio (machine CPU per lifecycle, memory ÷ PostgreSQL, the ratio a CPU-bound machine allows) {Report.Spread(at.Select(r => r.CpuRatio).ToList())}");
        }
    }
}
