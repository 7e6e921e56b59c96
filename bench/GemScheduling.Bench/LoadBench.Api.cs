using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using Npgsql;

namespace GemScheduling.Bench;

public sealed partial class LoadBench
{
    /// <summary>A schedule made by one client: what each of its operations was accepted with.</summary>
    private sealed class Tracked(ServiceOrg org, string id, string firstInterviewId)
    {
        public ServiceOrg Org { get; } = org;
        public string Id { get; } = id;
        public string FirstInterviewId { get; } = firstInterviewId;
        public HashSet<string> KnownMutations { get; } = [];
        public Dictionary<string, (DateTimeOffset AcceptedAt, List<string> Mutations)> Ops { get; } = [];
        public bool Broken { get; set; }
    }

    private sealed record OpSample(string Phase, int Client, HttpStatusCode Status, double Milliseconds);

    private sealed record PhaseResult(
        string Phase, int Ops, int Succeeded, IReadOnlyDictionary<string, int> Errors, double ApiSeconds, double SettleSeconds, List<double> Latencies,
        List<double> WriteBackInterviews, List<double> WriteBackAll, IReadOnlyDictionary<string, int> MutationOutcomes, long HarvestCalls,
        IReadOnlyDictionary<string, int> HarvestByEndpoint, long Served429, double ServiceCpuSeconds, double PostgresCpuSeconds, double MachineBusy,
        IReadOnlyDictionary<string, (long Events, long Appends)>? EventsByCategory, bool Settled);

    private sealed record ClientsResult(int Clients, IReadOnlyList<PhaseResult> Phases, IReadOnlyDictionary<string, long>? TableWrites, long? Transactions);

    private async Task ApiAsync(bool postgres, Baseline? baseline)
    {
        Report.Line("");
        Report.Line($"### API load, {(postgres ? "PostgreSQL" : "in-memory (embedded)")} service");
        Measured.Settle();
        await using var service = await ServiceProcess.StartAsync(options, postgres);
        await using var sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        DescribeService(service);
        Report.Line($"- clients: this process, one shared `SocketsHttpHandler` (no connection cap), HTTP/1.1 on loopback; each client is one task issuing requests back to back with its org's API token");

        foreach (var limit in options.Limits)
        {
            Report.Line("");
            Report.Line($"#### {(postgres ? "PostgreSQL" : "in-memory")}, {LimitName(limit)}");
            var orgs = await ConnectOrgsAsync(service, sandbox, limit);
            DescribeWorkload();
            await WarmAsync(service, orgs);

            var runs = new List<ClientsResult>();
            foreach (var k in Clients)
            {
                var run = await RunClientsAsync(service, orgs, k, Ops);
                runs.Add(run);
            }

            PrintRuns(runs, postgres, baseline);
            if (limit is null)
                _unlimited[postgres] = runs;
            await PrintBudgetsAsync(orgs);
        }

        PrintServiceEnd(service);
    }

    /// <summary>PostgreSQL publishes a backend's table counters when it goes idle, at most every 10 s.</summary>
    private static readonly TimeSpan StatisticsFlush = TimeSpan.FromSeconds(11);

    private async Task<ClientsResult> RunClientsAsync(ServiceProcess service, IReadOnlyList<ServiceOrg> orgs, int k, int ops)
    {
        Measured.Settle();
        var perClient = Enumerable.Range(0, k).Select(c => ops / k + (c < ops % k ? 1 : 0)).ToList();
        var mine = Enumerable.Range(0, k).Select(_ => new List<Tracked>()).ToList();
        var phases = new List<PhaseResult>();
        var tableWritesBefore = service.Database is { } db0 ? await TableWritesAsync(db0) : null;
        foreach (var phase in Phases)
        {
            var result = await PhaseAsync(service, orgs, k, phase, perClient, mine);
            phases.Add(result);
            Console.Error.WriteLine($"  load {service.StoreName} K={k} {phase}: {result.Succeeded}/{result.Ops} ok in {Report.F(result.ApiSeconds)} s, settled after {Report.F(result.SettleSeconds)} s");
        }

        Dictionary<string, long>? tableWrites = null;
        long? transactions = null;
        if (service.Database is { } db)
        {
            await Task.Delay(StatisticsFlush);
            var after = await TableWritesAsync(db);
            tableWrites = after.Where(a => a.Key != "_xact_commit").ToDictionary(a => a.Key, a => a.Value - tableWritesBefore!.GetValueOrDefault(a.Key));
            transactions = after["_xact_commit"] - tableWritesBefore!["_xact_commit"];
        }

        return new ClientsResult(k, phases, tableWrites, transactions);
    }

    private async Task<PhaseResult> PhaseAsync(ServiceProcess service, IReadOnlyList<ServiceOrg> orgs, int k, string phase, List<int> perClient, List<List<Tracked>> mine)
    {
        var samples = new ConcurrentBag<OpSample>();
        var lastSequence = orgs.ToDictionary(o => o, o => o.Sandbox.CallLog().LastOrDefault()?.Sequence ?? 0);
        var counters = orgs.ToDictionary(o => o, o => o.Sandbox.Counters());
        var eventsBefore = service.Database is { } db ? await EventTotalsAsync(db) : null;
        var cpu = service.CpuSeconds();
        var postgresCpu = HostCpu.PostgresSeconds();
        var machine = HostCpu.Machine();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, k).Select(c => Task.Run(async () =>
        {
            if (phase == "create")
            {
                for (var i = 0; i < perClient[c]; i++)
                {
                    var org = orgs[(c + i) % orgs.Count];
                    var target = org.NextTarget();
                    var start = org.NextSlot();
                    var body = new
                    {
                        applicationId = target.ApplicationId,
                        interviews = Enumerable.Range(0, 2).Select(n => new
                        {
                            interviewStepId = target.InterviewStepId,
                            interviewers = new[] { new { userId = target.InterviewerUserIds[n % target.InterviewerUserIds.Count] } },
                            start = start.AddHours(n).ToString("O"), end = start.AddHours(n + 1).ToString("O"), timeZone = "America/New_York", location = $"Room {n + 1}",
                        }).ToList(),
                    };
                    var r = await ApiResult.SendAsync(org.Client, HttpMethod.Post, org.Path("schedules"), body);
                    samples.Add(new OpSample(phase, c, r.Status, r.Milliseconds));
                    if (r.Status == HttpStatusCode.Created)
                    {
                        var tracked = new Tracked(org, r.Body.GetProperty("id").GetString()!, r.Body.GetProperty("interviews")[0].GetProperty("id").GetString()!);
                        Accept(tracked, phase, r);
                        mine[c].Add(tracked);
                    }
                }
            }
            else
            {
                foreach (var tracked in mine[c].Where(t => !t.Broken))
                {
                    var org = tracked.Org;
                    ApiResult r;
                    if (phase == "move")
                    {
                        var to = org.NextSlot();
                        r = await ApiResult.SendAsync(org.Client, HttpMethod.Patch, org.Path($"schedules/{tracked.Id}"),
                            new { changes = new[] { new { interviewId = tracked.FirstInterviewId, start = to.ToString("O"), end = to.AddMinutes(45).ToString("O") } } });
                    }
                    else
                    {
                        r = await ApiResult.SendAsync(org.Client, HttpMethod.Post, org.Path($"schedules/{tracked.Id}/cancel"), new { reason = "Load test" });
                    }

                    samples.Add(new OpSample(phase, c, r.Status, r.Milliseconds));
                    if (r.Ok)
                        Accept(tracked, phase, r);
                    else
                        tracked.Broken = true;
                }
            }
        })));
        var apiSeconds = clock.Elapsed.TotalSeconds;

        // Wait for the write-back to drain, then read every schedule touched in this phase.
        var settled = await SettleAsync(orgs);
        var settleSeconds = clock.Elapsed.TotalSeconds - apiSeconds;
        var touched = mine.SelectMany(m => m).Where(t => t.Ops.ContainsKey(phase)).ToList();
        var views = new ConcurrentDictionary<Tracked, JsonElement>();
        await Parallel.ForEachAsync(touched, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, _) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var view = (await ApiResult.SendAsync(t.Org.Client, HttpMethod.Get, t.Org.Path($"schedules/{t.Id}"))).EnsureOk("read schedule").Body;
                if (view.GetProperty("writeBack").GetString() != "pending" || attempt >= 50)
                {
                    views[t] = view;
                    return;
                }

                await Task.Delay(200);
            }
        });

        var interviewsLatency = new List<double>();
        var allLatency = new List<double>();
        var outcomes = new Dictionary<string, int>();
        foreach (var (t, view) in views)
        {
            var (acceptedAt, ids) = t.Ops[phase];
            var mutations = view.GetProperty("mutations").EnumerateArray().Where(m => ids.Contains(m.GetProperty("id").GetString()!)).ToList();
            DateTimeOffset? lastInterview = null, lastAny = null;
            var complete = true;
            foreach (var m in mutations)
            {
                var status = m.GetProperty("status").GetString()!;
                var kind = m.GetProperty("kind").GetString()!;
                outcomes[$"{kind} {status}"] = outcomes.GetValueOrDefault($"{kind} {status}") + 1;
                if (m.GetProperty("completedAt").ValueKind != JsonValueKind.String)
                {
                    complete = false;
                    continue;
                }

                var done = m.GetProperty("completedAt").GetDateTimeOffset();
                if (kind.EndsWith("_interview", StringComparison.Ordinal) && (lastInterview is null || done > lastInterview))
                    lastInterview = done;
                if (lastAny is null || done > lastAny)
                    lastAny = done;
            }

            if (lastInterview is { } li)
                interviewsLatency.Add((li - acceptedAt).TotalMilliseconds);
            if (complete && lastAny is { } la)
                allLatency.Add((la - acceptedAt).TotalMilliseconds);
        }

        var calls = orgs.SelectMany(o => o.Sandbox.CallLog().Where(c => c.Sequence > lastSequence[o])).ToList();
        var served429 = orgs.Sum(o => o.Sandbox.Counters().RateLimited - counters[o].RateLimited);
        // Read before counting the events: that count scans every page, and its CPU is the bench's, not the phase's.
        var (serviceSeconds, postgresSeconds, busy) = (service.CpuSeconds() - cpu, HostCpu.PostgresSeconds() - postgresCpu, HostCpu.BusyShare(machine, HostCpu.Machine()));
        Dictionary<string, (long, long)>? events = null;
        if (service.Database is { } database)
        {
            var eventsAfter = await EventTotalsAsync(database);
            events = eventsAfter.ToDictionary(a => a.Key, a => (
                a.Value.Events - eventsBefore!.GetValueOrDefault(a.Key).Events, a.Value.Appends - eventsBefore!.GetValueOrDefault(a.Key).Appends));
        }
        var list = samples.ToList();
        return new PhaseResult(
            phase, list.Count, list.Count(s => (int)s.Status is >= 200 and < 300),
            list.Where(s => (int)s.Status is < 200 or >= 300).GroupBy(s => s.Status == 0 ? "no response" : ((int)s.Status).ToString()).ToDictionary(g => g.Key, g => g.Count()),
            apiSeconds, settleSeconds, list.Where(s => (int)s.Status is >= 200 and < 300).Select(s => s.Milliseconds).ToList(),
            interviewsLatency, allLatency, outcomes, calls.Count,
            calls.GroupBy(c => $"{c.Permission ?? c.Method + " " + c.PathAndQuery}{(c.Status == 429 ? " (429)" : "")}").ToDictionary(g => g.Key, g => g.Count()),
            served429, serviceSeconds, postgresSeconds, busy, events, settled);
    }

    private static void Accept(Tracked tracked, string phase, ApiResult r)
    {
        var ids = new List<string>();
        foreach (var m in r.Body.GetProperty("mutations").EnumerateArray())
        {
            var id = m.GetProperty("id").GetString()!;
            if (tracked.KnownMutations.Add(id))
                ids.Add(id);
        }

        tracked.Ops[phase] = (r.At, ids);
    }

    /// <summary>Until no org lists a schedule with a pending write.</summary>
    private static async Task<bool> SettleAsync(IReadOnlyList<ServiceOrg> orgs)
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var pending = 0;
            foreach (var org in orgs)
            {
                var list = await ApiResult.SendAsync(org.Client, HttpMethod.Get, org.Path("schedules?status=pending&limit=1"));
                pending += list.Ok ? list.Body.GetProperty("items").GetArrayLength() : 1;
            }

            if (pending == 0)
                return true;
            await Task.Delay(100);
        }

        Console.Error.WriteLine($"  write-back did not settle within {SettleTimeout}");
        return false;
    }

    /// <summary>Events and appends stored so far, by stream category (an append is one page of events).</summary>
    private static async Task<Dictionary<string, (long Events, long Appends)>> EventTotalsAsync(BenchDatabase db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.category, sum(cardinality(p.event_ids))::bigint, count(*)
            FROM event_pages p JOIN event_streams s USING (stream_id)
            GROUP BY s.category ORDER BY s.category
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, (long, long)>();
        while (await reader.ReadAsync())
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        return result;
    }

    /// <summary>Rows inserted + updated + deleted per table of the service's database, and its committed transactions.</summary>
    private static async Task<Dictionary<string, long>> TableWritesAsync(BenchDatabase db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        var result = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                result[reader.GetString(0)] = reader.GetInt64(1);
        }

        await using (var commits = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection))
            result["_xact_commit"] = (long)(await commits.ExecuteScalarAsync())!;
        return result;
    }
}
