using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Calendar;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Samples;

namespace GemScheduling.Bench;

/// <summary>
/// Issue 7.5: latency of <see cref="SuggestionEngine.Suggest"/> on <see cref="SuggestionSamples.FiveStepLoop"/> (5 steps,
/// 2 weeks, 20 interviewers per pool) for four layouts, and of POST .../suggestions end to end against the service.
/// </summary>
public sealed class SuggestionsBench(BenchOptions options)
{
    private sealed record Variant(string Name, Func<SuggestionOptions, SuggestionOptions> Apply, bool KeepOrder, int BreakMinutes, int MaxDays);

    private static readonly Variant[] Variants =
    [
        new("steps in order", o => o, true, 0, 1),
        new("any order", o => o with { KeepOrder = false }, false, 0, 1),
        new("15-min breaks", o => o with { BreakBetween = TimeSpan.FromMinutes(15) }, true, 15, 1),
        new("up to 2 days", o => o with { MaxDays = 2 }, true, 0, 2),
    ];

    private sealed class Samples
    {
        public List<double> Milliseconds { get; } = [];
        public List<double> RoundMedians { get; } = [];
        public List<double> AllocatedBytes { get; } = [];
        public string Outcome { get; set; } = "";
        public double CpuSeconds { get; set; }
        public double WallSeconds { get; set; }
    }

    private int Runs => options.Runs ?? (options.Quick ? 100 : 500);

    private int Warmup => options.Warmup ?? (options.Quick ? 10 : 50);

    private int Rounds => options.RepsOr(full: 3, quick: 1);

    public async Task RunAsync()
    {
        var sample = SuggestionSamples.FiveStepLoop();
        Report.Line($"- input: `SuggestionSamples.FiveStepLoop()` (defaults: earliest start {sample.Options.EarliestStart:yyyy-MM-dd HH:mm}Z, 14 days, seed 7): " +
                    $"{sample.CandidateWindows.Count} candidate windows, {sample.Steps.Count} steps ({string.Join(", ", sample.Steps.Select(s => $"{s.Duration.TotalMinutes:0} min×{s.InterviewersNeeded}"))}), " +
                    $"{sample.Interviewers.Count} interviewers with {sample.Interviewers.Values.Sum(i => i.Busy.Count)} busy intervals; MaxOptions {sample.Options.MaxOptions}, SearchBudget {sample.Options.SearchBudget:N0}");
        Report.Line($"- per variant and round: {Warmup} warm-up runs, then {Runs} measured runs, one at a time on one thread; {Rounds} round(s), variant order rotated each round");
        EngineTable("engine (in process)", MeasureEngine(sample));

        if (!options.Http)
            return;
        var stores = (options.Store ?? "memory") switch
        {
            "postgres" => new[] { true },
            "both" => [false, true],
            _ => [false],
        };
        foreach (var postgres in stores)
            await HttpAsync(postgres);
    }

    // ---------------------------------------------------------------- engine

    private Dictionary<Variant, Samples> MeasureEngine(SuggestionRequest sample)
    {
        var results = Variants.ToDictionary(v => v, _ => new Samples());
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var variant in Rotate(Variants, round))
            {
                var request = sample with { Options = variant.Apply(sample.Options) };
                SuggestionResult? result = null;
                for (var i = 0; i < Warmup; i++)
                    result = SuggestionEngine.Suggest(request);
                Measured.Settle();
                var samples = results[variant];
                var times = new List<double>(Runs);
                var cpu = Environment.CpuUsage.TotalTime;
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < Runs; i++)
                {
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var watch = Stopwatch.StartNew();
                    result = SuggestionEngine.Suggest(request);
                    watch.Stop();
                    samples.AllocatedBytes.Add(GC.GetAllocatedBytesForCurrentThread() - allocated);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                samples.WallSeconds += wall.Elapsed.TotalSeconds;
                samples.CpuSeconds += (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
                samples.Milliseconds.AddRange(times);
                samples.RoundMedians.Add(Report.Median(times));
                samples.Outcome = Describe(result!);
            }

            Console.Error.WriteLine($"  suggestions engine round {round + 1}/{Rounds} done");
        }

        return results;
    }

    private static string Describe(SuggestionResult result) =>
        $"{result.Options.Count} options, {result.Stats.PlacementAttempts:N0} placements, {result.Stats.StartSlotsTried:N0} start slots{(result.Stats.BudgetExhausted ? ", **budget exhausted**" : "")}" +
        (result.Options.Count > 0 ? $", best score {result.Options[0].Score:0.#}" : $", blockers {result.Blockers.Count}");

    private void EngineTable(string title, Dictionary<Variant, Samples> results)
    {
        Report.Line($"- {title}:");
        Report.Table(
            ["variant", "result", "runs", "p50 ms", "p95 ms", "p99 ms", "mean ms", "min–max ms", "p50 per round ms", "alloc KiB/run", "process CPU ÷ wall"],
            Variants.Select(v =>
            {
                var s = results[v];
                return (IReadOnlyList<string>)[
                    v.Name, s.Outcome, s.Milliseconds.Count.ToString(), Report.F(Report.Percentile(s.Milliseconds, 50), "0.000"),
                    Report.F(Report.Percentile(s.Milliseconds, 95), "0.000"), Report.F(Report.Percentile(s.Milliseconds, 99), "0.000"),
                    Report.F(s.Milliseconds.Average(), "0.000"), $"{Report.F(s.Milliseconds.Min(), "0.000")}–{Report.F(s.Milliseconds.Max(), "0.000")}",
                    string.Join(" / ", s.RoundMedians.Select(m => Report.F(m, "0.000"))), Report.F(s.AllocatedBytes.Average() / 1024, "0"),
                    Report.F(s.CpuSeconds / s.WallSeconds, "0.00"),
                ];
            }));
    }

    private static IEnumerable<T> Rotate<T>(IReadOnlyList<T> items, int by) => items.Skip(by % items.Count).Concat(items.Take(by % items.Count));

    // ---------------------------------------------------------------- HTTP

    private async Task HttpAsync(bool postgres)
    {
        Report.Line("");
        Report.Line($"### POST .../suggestions against the service process ({(postgres ? "PostgreSQL" : "in-memory")})");
        await using var service = await ServiceProcess.StartAsync(options, postgres);
        await using var sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        // 150 users so that five pools of 20 distinct, enabled interviewers exist; a limit of 100,000 per 10 s so the
        // sandbox announces X-RateLimit-Limit and the service's budget opens (with no limit it sends none and stays at 50).
        var scale = DataScale.Demo with { Name = "demo-150-users", Users = 150 };
        var org = await ServiceOrg.ConnectAsync(service, sandbox, new OrganizationOptions { Seed = options.Seed, Scale = scale, RateLimit = 100_000 }, "Suggestions bench");
        Report.Line($"- service pid {service.Pid} ({service.StoreName}); sandbox org: {scale.Users} users, {scale.Jobs} jobs, {scale.Applications} applications; first sync {Report.F(org.SyncSeconds)} s");

        // An application whose candidate has no availability in Greenhouse (so only the windows set here count), on a
        // job with as many schedulable steps as possible.
        var target = org.Targets
            .Where(t => !org.Sandbox.Activities(t.CandidateId).Any(a => AvailabilityParser.IsAvailabilityActivity(a.Subject)))
            .OrderByDescending(t => Steps(org.Sandbox, t.JobId).Count).First();
        var stepIds = Steps(org.Sandbox, target.JobId);
        var users = org.Sandbox.ListUsers().Where(u => !u.Disabled).Select(u => u.Id).Order().Take(100).ToList();
        if (users.Count < 100)
            throw new InvalidOperationException($"only {users.Count} enabled users in the sandbox org");

        // The same sample, two weeks from tomorrow 13:00 UTC; sample user 1000+i is sandbox user users[i] (order kept).
        var earliest = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(13), TimeSpan.Zero);
        var latest = earliest.AddDays(14);
        var sample = SuggestionSamples.FiveStepLoop(earliestStart: earliest);
        var map = sample.Interviewers.Keys.Order().Select((id, i) => (id, users[i])).ToDictionary(p => p.id, p => p.Item2);

        var setup = Stopwatch.StartNew();
        var icsBytes = 0L;
        foreach (var (sampleId, profile) in sample.Interviewers)
        {
            var ics = Ics(profile.Busy);
            icsBytes += ics.Length;
            (await ApiResult.SendAsync(org.Client, HttpMethod.Put, org.Path($"interviewers/{map[sampleId]}"), new
            {
                timeZone = profile.TimeZone,
                workingHours = profile.Hours.Select(h => new { day = h.Day.ToString().ToLowerInvariant(), start = h.Start.ToString("HH:mm"), end = h.End.ToString("HH:mm") }).ToList(),
                maxInterviewsPerDay = profile.MaxInterviewsPerDay,
                maxInterviewsPerWeek = profile.MaxInterviewsPerWeek,
                ics,
            })).EnsureOk($"set interviewer {map[sampleId]}");
        }

        (await ApiResult.SendAsync(org.Client, HttpMethod.Put, org.Path($"applications/{target.ApplicationId}/availability"), new
        {
            timeZone = sample.CandidateTimeZone,
            windows = sample.CandidateWindows.Select(w => new { start = w.Start.ToString("O"), end = w.End.ToString("O") }).ToList(),
        })).EnsureOk("set availability");
        Report.Line($"- application {target.ApplicationId} (job {target.JobId}, {stepIds.Count} schedulable steps in active stages); {sample.CandidateWindows.Count} candidate windows set by PUT .../availability; " +
                    $"{sample.Interviewers.Count} interviewers set by PUT .../interviewers/{{id}} (zone, hours, limits, and their busy time as an inline .ics: {icsBytes / 1024.0:0} KiB in all) in {Report.F(setup.Elapsed.TotalSeconds)} s");
        Report.Line($"- request: the sample's 5 steps (step ids {string.Join(", ", sample.Steps.Select((_, i) => stepIds[i % stepIds.Count]))}), durations and pools mapped to sandbox users; from {earliest:yyyy-MM-dd HH:mm}Z to {latest:yyyy-MM-dd HH:mm}Z; maxOptions 10");

        // The engine on what the service will build: the same windows and pools, with every busy interval coming from a
        // calendar feed (a feed's events do not count toward limits; the sample's "booked interviews" do).
        var equivalent = new SuggestionRequest(
            sample.CandidateWindows, sample.CandidateTimeZone,
            sample.Steps.Select((s, i) => s with { InterviewStepId = stepIds[i % stepIds.Count], InterviewerPool = s.InterviewerPool.Select(id => map[id]).ToList() }).ToList(),
            sample.Interviewers.Values.ToDictionary(p => map[p.UserId], p => p with
            {
                UserId = map[p.UserId], Busy = p.Busy.Select(b => new BusyInterval(b.Start, b.End, BusyInterval.IcalSource, false)).ToList(),
            }),
            new SuggestionOptions { EarliestStart = earliest, LatestEnd = latest, MaxOptions = 10 });

        var bodies = Variants.ToDictionary(v => v, v => new
        {
            steps = sample.Steps.Select((s, i) => new
            {
                interviewStepId = stepIds[i % stepIds.Count], durationMinutes = (int)s.Duration.TotalMinutes,
                interviewerPool = s.InterviewerPool.Select(id => map[id]).ToList(), interviewersNeeded = s.InterviewersNeeded,
            }).ToList(),
            keepOrder = v.KeepOrder, breakMinutes = v.BreakMinutes, maxDays = v.MaxDays,
            from = earliest.ToString("O"), to = latest.ToString("O"), maxOptions = 10,
        });

        var results = Variants.ToDictionary(v => v, _ => new Samples());
        var serverCpu = Variants.ToDictionary(v => v, _ => 0.0);
        var before = org.Sandbox.Counters().Requests;
        var lastCall = org.Sandbox.CallLog().LastOrDefault()?.Sequence ?? 0;
        var failures = new List<string>();
        var totalWall = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var variant in Rotate(Variants, round))
            {
                for (var i = 0; i < Warmup; i++)
                    await ApiResult.SendAsync(org.Client, HttpMethod.Post, org.Path($"applications/{target.ApplicationId}/suggestions"), bodies[variant]);
                Measured.Settle();
                var samples = results[variant];
                var times = new List<double>(Runs);
                var cpu = service.CpuSeconds();
                var wall = Stopwatch.StartNew();
                ApiResult last = default;
                for (var i = 0; i < Runs; i++)
                {
                    last = await ApiResult.SendAsync(org.Client, HttpMethod.Post, org.Path($"applications/{target.ApplicationId}/suggestions"), bodies[variant]);
                    if (!last.Ok && failures.Count < 5)
                        failures.Add($"{variant.Name}: {(int)last.Status} {last.Body}");
                    times.Add(last.Milliseconds);
                }

                samples.WallSeconds += wall.Elapsed.TotalSeconds;
                serverCpu[variant] += service.CpuSeconds() - cpu;
                samples.Milliseconds.AddRange(times);
                samples.RoundMedians.Add(Report.Median(times));
                if (last.Ok)
                {
                    var stats = last.Body.GetProperty("stats");
                    samples.Outcome = $"{last.Body.GetProperty("options").GetArrayLength()} options, {stats.GetProperty("placementAttempts").GetInt32():N0} placements, " +
                                      $"{stats.GetProperty("startSlotsTried").GetInt32():N0} start slots{(stats.GetProperty("budgetExhausted").GetBoolean() ? ", **budget exhausted**" : "")}" +
                                      (last.Body.GetProperty("options").GetArrayLength() > 0 ? $", best score {last.Body.GetProperty("options")[0].GetProperty("score").GetDouble():0.#}" : "") +
                                      $"; {last.Body.GetProperty("warnings").GetArrayLength()} warnings";
                }
            }

            Console.Error.WriteLine($"  suggestions http round {round + 1}/{Rounds} done");
        }

        var harvestCalls = org.Sandbox.Counters().Requests - before;
        foreach (var failure in failures)
            Report.Line($"- **failed request**: {failure}");
        Report.Line("- end to end (one client, one request at a time; latency = request sent → body read, loopback HTTP/1.1):");
        Report.Table(
            ["variant", "result (from the response)", "runs", "p50 ms", "p95 ms", "p99 ms", "mean ms", "min–max ms", "p50 per round ms", "service CPU ms/request"],
            Variants.Select(v =>
            {
                var s = results[v];
                return (IReadOnlyList<string>)[
                    v.Name, s.Outcome, s.Milliseconds.Count.ToString(), Report.F(Report.Percentile(s.Milliseconds, 50), "0.0"),
                    Report.F(Report.Percentile(s.Milliseconds, 95), "0.0"), Report.F(Report.Percentile(s.Milliseconds, 99), "0.0"),
                    Report.F(s.Milliseconds.Average(), "0.0"), $"{Report.F(s.Milliseconds.Min(), "0.0")}–{Report.F(s.Milliseconds.Max(), "0.0")}",
                    string.Join(" / ", s.RoundMedians.Select(m => Report.F(m, "0.0"))), Report.F(serverCpu[v] * 1000 / s.Milliseconds.Count, "0.0"),
                ];
            }));
        var byEndpoint = org.Sandbox.CallLog().Where(c => c.Sequence > lastCall).GroupBy(c => c.Permission ?? c.PathAndQuery).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        Report.Line($"- Harvest calls made by the service during the {Variants.Length * Rounds * (Runs + Warmup)} suggestion requests ({Report.F(totalWall.Elapsed.TotalMinutes, "0.0")} min): {harvestCalls} ({string.Join(", ", byEndpoint)}): " +
                    "the candidate's Greenhouse availability (activity feed) is re-read when older than 10 minutes; the rest is the background incremental sync every 5 minutes");

        // What the engine itself costs on this input, and what parsing the 100 calendars costs: the two big parts of a request.
        EngineTable("the engine in the bench process on the equivalent input (busy time from calendars, not counting toward limits)", MeasureEngine(equivalent));
        var feeds = sample.Interviewers.Values.Select(p => (Ics(p.Busy), p.TimeZone)).ToList();
        var parse = new List<double>();
        for (var i = 0; i < Warmup + Runs / 5; i++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var (ics, zone) in feeds)
                IcsBusyTimeParser.Parse(ics, earliest.AddDays(-8), latest.AddDays(8), zone);
            if (i >= Warmup)
                parse.Add(watch.Elapsed.TotalMilliseconds);
        }

        Report.Line($"- `IcsBusyTimeParser.Parse` of all {feeds.Count} interviewers' calendars (what the service does once per calendar text and day range, then keeps in `ParsedCalendars`; range earliest − 8 d … latest + 8 d), in the bench process: " +
                    $"p50 {Report.F(Report.Percentile(parse, 50))} ms, p95 {Report.F(Report.Percentile(parse, 95))} ms over {parse.Count} runs");
    }

    private static List<long> Steps(SandboxOrganization org, long jobId)
    {
        var steps = org.GetJobStages(jobId).Where(s => s.Active).SelectMany(s => s.Interviews).Where(i => i.Schedulable).Select(i => i.Id).ToList();
        return steps;
    }

    private static string Ics(IReadOnlyList<BusyInterval> busy)
    {
        var sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GemScheduling bench//EN\r\n");
        var n = 0;
        foreach (var b in busy)
        {
            sb.Append("BEGIN:VEVENT\r\n")
                .Append(CultureInfo.InvariantCulture, $"UID:bench-{++n}@gemscheduling\r\n")
                .Append(CultureInfo.InvariantCulture, $"DTSTAMP:{b.Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\n")
                .Append(CultureInfo.InvariantCulture, $"DTSTART:{b.Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\n")
                .Append(CultureInfo.InvariantCulture, $"DTEND:{b.End.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\n")
                .Append("SUMMARY:Busy\r\nEND:VEVENT\r\n");
        }

        return sb.Append("END:VCALENDAR\r\n").ToString();
    }
}
