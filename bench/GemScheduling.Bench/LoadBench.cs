using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Persistence.Database;
using GemScheduling.Persistence.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GemScheduling.Bench;

/// <summary>
/// Issue 8.4: schedules created, moved and cancelled through the HTTP API by K concurrent clients against the service
/// process and the Harvest sandbox; the write-back that follows; the PostgreSQL single-insert baseline measured in the
/// same run; and the memory an idle grain activation takes.
/// </summary>
public sealed partial class LoadBench(BenchOptions options)
{
    private static readonly string[] Phases = ["create", "move", "cancel"];
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(20);

    private IReadOnlyList<int> Clients => options.Clients ?? (options.Quick ? [1, 4] : [1, 4, 16, 32]);

    private int Ops => options.Ops ?? (options.Quick ? 24 : 200);

    /// <summary>Schedules created, moved and cancelled before anything is measured, so the tables show a warm service.</summary>
    private int WarmupOps => options.Warmup ?? (options.Quick ? 24 : 2_000);

    private int GrainCount => options.Grains ?? (options.Quick ? 10_000 : 100_000);

    public async Task RunAsync()
    {
        Baseline? baseline = null;
        if (options.Parts.Contains("baseline"))
            baseline = await BaselineAsync();
        if (options.Parts.Contains("api"))
        {
            var stores = (options.Store ?? "both") switch
            {
                "memory" => new[] { false },
                "postgres" => [true],
                _ => [false, true],
            };
            if (stores.Length == 2 && options.Rounds > 1)
                await AlternatingAsync(options.Rounds, baseline);
            else
                foreach (var postgres in stores)
                    await ApiAsync(postgres, baseline);
        }

        if (options.Parts.Contains("memory"))
            await GrainMemoryAsync();
        if (P3Line(baseline) is { } p3)
        {
            Report.Line("");
            Report.Line(p3);
        }
    }

    /// <summary>Runs with the rate limit off, by store (true: PostgreSQL), for the closing summary line.</summary>
    private readonly Dictionary<bool, List<ClientsResult>> _unlimited = [];

    /// <summary>
    /// The machine-readable closing line: creates at K = 16 with the rate limit off on both stores, the raw-insert
    /// baseline at 16 connections, appends per create (PostgreSQL's events table) and service CPU per create (memory).
    /// With alternating rounds, each figure is the median over the rounds and the ratio the median of each round's ratio.
    /// </summary>
    private string? P3Line(Baseline? baseline)
    {
        const int k = 16;
        var raw = baseline?.Rates.GetValueOrDefault((RawInsert, k)) is { Count: > 0 } rates ? Report.Median(rates) : double.NaN;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string Line(double pg, double mem, double ratio, double appends, double cpu) =>
            string.Create(inv, $"p3: creates_per_s_pg={pg:0.0} creates_per_s_mem={mem:0.0} ratio_pg_mem={ratio:0.00} " +
                               $"raw_inserts_per_s={raw:0} appends_per_create={appends:0.00} cpu_ms_per_create={cpu:0.0}");
        static double Appends(IEnumerable<PhaseResult> pg) =>
            (double)pg.Sum(p => p.EventsByCategory!.Values.Sum(v => v.Appends)) / Math.Max(1, pg.Sum(p => p.Succeeded));

        if (_rounds.Where(r => r.Postgres.Clients == k).ToList() is { Count: > 0 } rounds)
        {
            Report.Line($"- the line below: medians over {rounds.Count} alternating rounds at K = {k} (ratio: the median of each round's own ratio); appends over all of them; CPU: the memory service's");
            return Line(Report.Median(rounds.Select(r => PerSecond(r.Pg("create"))).ToList()), Report.Median(rounds.Select(r => PerSecond(r.Mem("create"))).ToList()),
                Report.Median(rounds.Select(r => r.Ratio("create")).ToList()), Appends(rounds.Select(r => r.Pg("create"))),
                Report.Median(rounds.Select(r => MsPerOp(r.Mem("create").ServiceCpuSeconds, r.Mem("create"))).ToList()));
        }

        PhaseResult? Create(bool postgres) => _unlimited.GetValueOrDefault(postgres)?.FirstOrDefault(r => r.Clients == k)?.Phases.Single(p => p.Phase == "create");
        if (Create(true) is not { } pg || Create(false) is not { } mem)
            return null;
        Report.Line("- the line below compares two runs minutes apart, each straight after its own warm-up: on a shared machine that ratio drifts " +
                    "(0.53–1.04 for the same code on 2026-12-07); `--rounds 6` measures the stores turn and turn about");
        return Line(PerSecond(pg), PerSecond(mem), PerSecond(pg) / PerSecond(mem), Appends([pg]), MsPerOp(mem.ServiceCpuSeconds, mem));
    }

    // ================================================================ baseline: durable single-row inserts

    public sealed record Baseline(IReadOnlyDictionary<(string Kind, int Connections), List<double>> Rates);

    private const string RawInsert = "raw INSERT";
    private const string StoreAppend = "event-store append";

    private async Task<Baseline> BaselineAsync()
    {
        Report.Line("");
        Report.Line("### Baseline: durable single-row inserts into PostgreSQL, same machine, same run");
        await using var db = await BenchDatabase.CreateAsync(options.PostgresAdmin);
        var connections = Clients.Distinct().Order().ToList();
        await using var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = Math.Max(100, connections.Max() + 4) }.ConnectionString).Build();
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using (var create = dataSource.CreateCommand(
            "CREATE TABLE bench_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())"))
            await create.ExecuteNonQueryAsync();
        var settings = new List<string>();
        foreach (var setting in new[] { "synchronous_commit", "fsync", "wal_sync_method", "commit_delay", "shared_buffers", "max_connections" })
        {
            await using var show = dataSource.CreateCommand($"SHOW {setting}");
            settings.Add($"{setting} {await show.ExecuteScalarAsync()}");
        }

        await using (var tls = dataSource.CreateCommand("SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)"))
            settings.Add((bool)(await tls.ExecuteScalarAsync())! ? "connections over TLS" : "connections without TLS");
        Report.Line($"- {await BenchDatabase.ServerVersionAsync(options.PostgresAdmin)}; {string.Join(", ", settings)}");
        // A payload the size of a typical stored event (a mutation outcome with its metadata): ~420 bytes of JSON.
        var payload = JsonSerializer.Serialize(new
        {
            mutationId = "mut_0123456789ab", kind = "create_interview", interviewId = "int_0123456789ab", greenhouseId = 123456789,
            detail = (string?)null, at = DateTimeOffset.UtcNow, actor = "token:tok_0123456789ab (bench)", traceId = Guid.NewGuid(),
            note = new string('x', 200),
        });
        var store = new PostgresEventStore(dataSource);
        var seconds = options.Quick ? 2.0 : 5.0;
        var reps = options.RepsOr(full: 3, quick: 1);
        Report.Line($"- {RawInsert}: `INSERT INTO bench_rows (stream, data) VALUES ($1, $2::jsonb)`, one row ({payload.Length} bytes of JSON) per transaction (autocommit), through an Npgsql data source like the service's");
        Report.Line($"- {StoreAppend}: `PostgresEventStore.AppendAsync` of one such event to a new stream (the service's own statement: one stream row and one page of events, 3 indexes), one per transaction");
        Report.Line($"- N connections each loop on their own for {seconds:0} s after a 1 s warm-up; {reps} repetition(s), kinds and connection counts interleaved");

        var rates = new Dictionary<(string, int), List<double>>();
        var latencies = new Dictionary<(string, int), List<double>>();
        var counter = 0L;
        for (var rep = 0; rep < reps; rep++)
        {
            foreach (var kind in new[] { RawInsert, StoreAppend })
            {
                foreach (var n in rep % 2 == 0 ? connections : Enumerable.Reverse(connections).ToList())
                {
                    async Task One()
                    {
                        var id = Interlocked.Increment(ref counter);
                        if (kind == RawInsert)
                        {
                            await using var insert = dataSource.CreateCommand("INSERT INTO bench_rows (stream, data) VALUES ($1, $2::jsonb)");
                            insert.Parameters.AddWithValue($"bench/{id}");
                            insert.Parameters.AddWithValue(payload);
                            await insert.ExecuteNonQueryAsync();
                        }
                        else
                        {
                            await store.AppendAsync($"bench/s{id}", 0, [new EventToAppend(Guid.NewGuid(), "bench.event", payload, null)]);
                        }
                    }

                    var (count, elapsed, times) = await LoopAsync(n, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds), One);
                    rates.TryAdd((kind, n), []);
                    latencies.TryAdd((kind, n), []);
                    rates[(kind, n)].Add(count / elapsed.TotalSeconds);
                    latencies[(kind, n)].AddRange(times);
                    Console.Error.WriteLine($"  baseline {kind} × {n}: {count / elapsed.TotalSeconds:0} per s");
                }
            }
        }

        Report.Table(
            ["kind", "connections", "per second: median (min–max)", "p50 ms", "p95 ms", "p99 ms"],
            rates.OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2).Select(r => (IReadOnlyList<string>)[
                r.Key.Item1, r.Key.Item2.ToString(), Report.Spread(r.Value, "N0"),
                Report.F(Report.Percentile(latencies[r.Key], 50), "0.00"), Report.F(Report.Percentile(latencies[r.Key], 95), "0.00"),
                Report.F(Report.Percentile(latencies[r.Key], 99), "0.00"),
            ]));
        return new Baseline(rates);
    }

    /// <summary>n workers call <paramref name="one"/> back to back; after the warm-up, counts completions for the measured span.</summary>
    private static async Task<(long Count, TimeSpan Elapsed, List<double> Milliseconds)> LoopAsync(int n, TimeSpan warmup, TimeSpan measure, Func<Task> one)
    {
        var measuring = false;
        var stop = false;
        var count = 0L;
        var times = new ConcurrentBag<double>();
        var workers = Enumerable.Range(0, n).Select(_ => Task.Run(async () =>
        {
            while (!Volatile.Read(ref stop))
            {
                var watch = Stopwatch.StartNew();
                await one();
                if (Volatile.Read(ref measuring))
                {
                    Interlocked.Increment(ref count);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        })).ToList();
        await Task.Delay(warmup);
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(measure);
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed;
        var counted = Interlocked.Read(ref count);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        return (counted, elapsed, times.ToList());
    }
}
