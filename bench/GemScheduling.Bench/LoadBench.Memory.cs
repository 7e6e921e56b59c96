using System.Diagnostics;
using GemScheduling.Applications;
using GemScheduling.Interviewers;
using GemScheduling.Schedules;
using Orleans.Runtime;

namespace GemScheduling.Bench;

public sealed partial class LoadBench
{
    private static Footprint Measure() => Footprint.Measure();

    /// <summary>Activates N grains of one kind in an embedded silo and divides the growth of the process by N.</summary>
    private async Task GrainMemoryAsync()
    {
        Report.Line("");
        Report.Line("### Memory per active grain (embedded silo in the bench process, in-memory stores)");
        var n = GrainCount;
        await using var rig = await SiloRig.StartAsync(options, postgres: false, new Harvest.RateBudget.RateBudgetOptions().DefaultLimit);
        var grains = rig.Grains;
        var kinds = new (string Name, string Type, Func<string, int, Task> Activate)[]
        {
            ("application (`IApplicationGrain.GetSchedules()`)", "ApplicationGrain", (org, i) => grains.GetGrain<IApplicationGrain>(IApplicationGrain.Key(org, 1_000_000 + i)).GetSchedules()),
            ("schedule, none stored (`IScheduleGrain.Get()`)", "ScheduleGrain", (org, i) => grains.GetGrain<IScheduleGrain>(IScheduleGrain.Key(org, $"sch_bench{i:D10}")).Get()),
            ("interviewer calendar (`IInterviewerCalendarGrain.GetSettings()`)", "InterviewerCalendarGrain", (org, i) => grains.GetGrain<IInterviewerCalendarGrain>(IInterviewerCalendarGrain.Key(org, $"u{i}")).GetSettings()),
        };
        Report.Line($"- {n:N0} activations per kind, each a distinct key, called in batches of 1,000 concurrent calls; the process's Server GC forced to a compacting full collection (3×) before each reading; " +
                    "1,000 activations of each kind first (another org) so code and pools are warm");

        foreach (var kind in kinds)
        {
            await Batches(1_000, i => kind.Activate("org_warmup", i));
        }

        var rows = new List<IReadOnlyList<string>>();
        var management = grains.GetGrain<IManagementGrain>(0);
        foreach (var kind in kinds)
        {
            var org = "org_mem_" + kind.Type;
            var before = Measure();
            var watch = Stopwatch.StartNew();
            await Batches(n, i => kind.Activate(org, i));
            var seconds = watch.Elapsed.TotalSeconds;
            var after = Measure();
            var stats = await management.GetSimpleGrainStatistics();
            var active = stats.Where(s => s.GrainType.Contains(kind.Type, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
            rows.Add([
                kind.Name, n.ToString("N0"), Report.F(n / seconds, "N0"), active.ToString("N0"),
                Report.F((after.Managed - before.Managed) / (double)n, "N0"), Report.F((after.Heap - before.Heap) / (double)n, "N0"),
                Report.F((after.Committed - before.Committed) / (double)n, "N0"), Report.F((after.WorkingSet - before.WorkingSet) / (double)n, "N0"),
                Report.F((after.Private - before.Private) / (double)n, "N0"), $"{after.Managed / 1048576.0:0} MiB",
            ]);
            Console.Error.WriteLine($"  grain memory {kind.Type}: {(after.Managed - before.Managed) / (double)n:0} bytes per activation");
        }

        Report.Table(
            ["grain kind", "activated", "activations/s", "active after (management grain, incl. warm-up)", "managed heap bytes/grain (GC.GetTotalMemory)", "GC heap size bytes/grain",
             "GC committed bytes/grain", "working set bytes/grain", "private bytes/grain", "managed heap after"],
            rows);
        Report.Line("The managed-heap figure is the state plus everything Orleans keeps per activation (activation data, its message queue, the catalog and local directory entries, the JournaledGrain's log-view adaptor with confirmed and tentative state). Working set and private bytes move with the Server GC's segment reservation and are upper bounds.");
    }

    private static async Task Batches(int n, Func<int, Task> call)
    {
        const int batch = 1_000;
        for (var start = 0; start < n; start += batch)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(batch, n - start)).Select(call));
    }
}
