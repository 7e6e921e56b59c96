using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace GemScheduling.Bench;

/// <summary>Markdown output (tables paste straight into docs/PERFORMANCE.md) and run statistics.</summary>
public static class Report
{
    public static void Environment(BenchOptions options)
    {
        Console.WriteLine($"# GemScheduling.Bench {string.Join(' ', System.Environment.GetCommandLineArgs().Skip(1))}");
        Console.WriteLine($"- started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z; {System.Environment.ProcessorCount} logical CPUs; " +
                          $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB available to the GC");
        Console.WriteLine($"- {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}); " +
                          $"Server GC {GCSettings.IsServerGC}, concurrent {GCSettings.LatencyMode != GCLatencyMode.Batch}");
        if (options.Command is "suggestions" or "load")
            return;
        Console.WriteLine(options.Harvest == "v3"
            ? "- Harvest v3: OAuth client credentials, cursor paging; job interviews, interview kits, default interviewers, departments, offices, job owners " +
              (options.StageOnApplications ? "and nothing else (applications carry job_interview_stage_id)" : "and current application stages") +
              " read as whole listings once per full pass and joined in memory"
            : "- Harvest v1/v2: an API key, Link paging with rel=\"last\" fan-out");
        Console.WriteLine($"- scale {options.Scale.Name}: {options.Scale.Users:N0} users, {options.Scale.Jobs:N0} jobs, " +
                          $"{options.Scale.Candidates:N0} candidates, {options.Scale.Applications:N0} applications; seed {options.Seed}");
    }

    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"## {title}");
    }

    public static void Line(string text) => Console.WriteLine(text);

    /// <summary>The 1/5/15-minute load averages: the machine is shared, so every section records what else ran.</summary>
    public static void Load(string label)
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            Console.WriteLine($"- {label}: loadavg {parts[0]} {parts[1]} {parts[2]} ({parts[3]} runnable/total tasks)");
        }
        catch (IOException)
        {
        }
    }

    public static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        sb.Append('|').AppendJoin("", header.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
            sb.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        Console.WriteLine();
        Console.Write(sb);
        Console.WriteLine();
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Nearest-rank percentile: with fewer than 20 samples p95 is the slowest run.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string F(double value, string format = "0.00") => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"median (min–max)".</summary>
    public static string Spread(IReadOnlyCollection<double> values, string format = "0.00") =>
        values.Count == 1 ? F(values.First(), format) : $"{F(Median(values), format)} ({F(values.Min(), format)}–{F(values.Max(), format)})";
}

/// <summary>Wall time, process CPU time and process allocations around one measured action.</summary>
public readonly record struct Measured(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes)
{
    public static async Task<(T Result, Measured Cost)> RunAsync<T>(Func<Task<T>> action)
    {
        var cpu = System.Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await action();
        watch.Stop();
        return (result, new Measured(watch.Elapsed, System.Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes() - allocated));
    }

    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
