namespace GemScheduling.Bench;

public sealed partial class LoadBench
{
    /// <summary>Successful requests per second of the phase's API span.</summary>
    private static double PerSecond(PhaseResult p) => p.Succeeded / p.ApiSeconds;

    /// <summary>Milliseconds of <paramref name="seconds"/> (CPU) per successful operation of the phase.</summary>
    private static double MsPerOp(double seconds, PhaseResult p) => seconds * 1000 / Math.Max(1, p.Succeeded);

    // ---------------------------------------------------------------- output

    private void PrintRuns(IReadOnlyList<ClientsResult> runs, bool postgres, Baseline? baseline)
    {
        Report.Table(
            ["K", "op", "ok/sent", "errors", "API s", "requests/s", "p50 ms", "p95 ms", "p99 ms", "write-back: interviews in Greenhouse p50 / p95 / p99 ms",
             "write-back: every write done p50 / p95 / p99 ms", "drain after last response s", "Harvest calls per op", "Harvest calls/s (API + drain)", "429s served", "service CPU ms per op", "PostgreSQL CPU ms per op", "machine busy (all processes)"],
            runs.SelectMany(run => run.Phases.Select(p => (IReadOnlyList<string>)[
                run.Clients.ToString(), p.Phase, $"{p.Succeeded}/{p.Ops}", p.Errors.Count == 0 ? "" : string.Join(", ", p.Errors.Select(e => $"{e.Value}×{e.Key}")),
                Report.F(p.ApiSeconds), Report.F(PerSecond(p), "0.0"),
                P(p.Latencies, 50), P(p.Latencies, 95), P(p.Latencies, 99),
                $"{P(p.WriteBackInterviews, 50)} / {P(p.WriteBackInterviews, 95)} / {P(p.WriteBackInterviews, 99)}",
                $"{P(p.WriteBackAll, 50)} / {P(p.WriteBackAll, 95)} / {P(p.WriteBackAll, 99)}",
                Report.F(p.SettleSeconds, "0.0") + (p.Settled ? "" : " (**not settled**)"),
                Report.F((double)p.HarvestCalls / Math.Max(1, p.Succeeded), "0.00"), Report.F(p.HarvestCalls / (p.ApiSeconds + p.SettleSeconds), "0.0"), p.Served429.ToString(),
                Report.F(MsPerOp(p.ServiceCpuSeconds, p), "0.0"),
                Report.F(MsPerOp(p.PostgresCpuSeconds, p), "0.0"),
                $"{p.MachineBusy:P0}",
            ])));
        Report.Line("API s = first request sent → last response read; requests/s = successful requests ÷ API s. Write-back = mutation completedAt (service clock) − response received (bench clock, same machine). " +
                    "CPU per op covers the API phase and its write-back drain. Harvest calls include any background incremental sync that ran meanwhile.");

        var outcomes = runs.SelectMany(r => r.Phases).SelectMany(p => p.MutationOutcomes).GroupBy(o => o.Key).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Sum(x => x.Value)}");
        Report.Line($"- write outcomes over all K: {string.Join(", ", outcomes)}");

        var endpoints = runs.SelectMany(r => r.Phases.SelectMany(p => p.HarvestByEndpoint.Keys)).Distinct().Order().ToList();
        Report.Line("- Harvest calls per endpoint, summed over all K (from the sandbox's call log):");
        Report.Table(["endpoint", .. Phases],
            endpoints.Select(e => (IReadOnlyList<string>)[e, .. Phases.Select(ph => runs.Sum(r => r.Phases.Single(p => p.Phase == ph).HarvestByEndpoint.GetValueOrDefault(e)).ToString())])
                .Append(["**per successful op**", .. Phases.Select(ph => Report.F(
                    (double)runs.Sum(r => r.Phases.Single(p => p.Phase == ph).HarvestCalls) / Math.Max(1, runs.Sum(r => r.Phases.Single(p => p.Phase == ph).Succeeded)), "0.00"))]));

        if (postgres)
        {
            var categories = runs.SelectMany(r => r.Phases).SelectMany(p => p.EventsByCategory!.Keys).Distinct().Order().ToList();
            Report.Line("- event-store appends (transactions) and events per successful op, over all K, by stream category:");
            Report.Table(["category", .. Phases.Select(p => $"{p}: appends / events")],
                categories.Select(c => (IReadOnlyList<string>)[c, .. Phases.Select(ph =>
                {
                    var ps = runs.Select(r => r.Phases.Single(p => p.Phase == ph)).ToList();
                    var ok = Math.Max(1, ps.Sum(p => p.Succeeded));
                    return $"{Report.F((double)ps.Sum(p => p.EventsByCategory!.GetValueOrDefault(c).Appends) / ok, "0.00")} / {Report.F((double)ps.Sum(p => p.EventsByCategory!.GetValueOrDefault(c).Events) / ok, "0.00")}";
                })]).Append(["**all**", .. Phases.Select(ph =>
                {
                    var ps = runs.Select(r => r.Phases.Single(p => p.Phase == ph)).ToList();
                    var ok = Math.Max(1, ps.Sum(p => p.Succeeded));
                    return $"{Report.F((double)ps.Sum(p => p.EventsByCategory!.Values.Sum(v => v.Appends)) / ok, "0.00")} / {Report.F((double)ps.Sum(p => p.EventsByCategory!.Values.Sum(v => v.Events)) / ok, "0.00")}";
                })]));

            var tables = runs.SelectMany(r => r.TableWrites!.Keys).Distinct().Order().ToList();
            var lifecycles = Math.Max(1, runs.Sum(r => r.Phases[0].Succeeded));
            Report.Line($"- rows written (pg_stat_user_tables: inserted + updated + deleted) per schedule lifecycle (create + move + cancel, with write-back), over all K ({lifecycles} schedules); " +
                        $"committed transactions in the database (reads included, and the bench's own polling of GET .../schedules?status=pending): {Report.F((double)runs.Sum(r => r.Transactions!.Value) / lifecycles, "0.0")} per lifecycle");
            Report.Line("  " + string.Join(", ", tables.Select(t => (t, v: runs.Sum(r => r.TableWrites!.GetValueOrDefault(t)))).Where(x => x.v > 0).Select(x => $"{x.t} {Report.F((double)x.v / lifecycles, "0.0")}")));
        }

        if (baseline is not null)
        {
            Report.Line("- ratios to the baseline at the same concurrency (K connections ↔ K clients): successful requests/s ÷ durable single-row inserts/s (median), i.e. how many raw inserts one request costs in throughput:");
            Report.Table(["K", .. Phases.Select(p => $"{p}: ÷ raw INSERT"), .. Phases.Select(p => $"{p}: ÷ event-store append")],
                runs.Select(r => (IReadOnlyList<string>)[
                    r.Clients.ToString(),
                    .. Phases.Select(ph => Ratio(baseline, RawInsert, r.Clients, r.Phases.Single(p => p.Phase == ph))),
                    .. Phases.Select(ph => Ratio(baseline, StoreAppend, r.Clients, r.Phases.Single(p => p.Phase == ph))),
                ]));
        }
    }

    private static string Ratio(Baseline baseline, string kind, int clients, PhaseResult phase) =>
        baseline.Rates.TryGetValue((kind, clients), out var rates) && phase.Succeeded > 0
            ? $"{Report.F(Report.Median(rates) / PerSecond(phase), "0.0")} ({Report.F(PerSecond(phase), "0")} vs {Report.F(Report.Median(rates), "0")}/s)"
            : "";

    private static string P(List<double> values, double p) => values.Count == 0 ? "–" : Report.F(Report.Percentile(values, p), "0");
}
