namespace GemScheduling.Bench;

/// <summary>CPU time outside this process, from /proc: the PostgreSQL server's processes, and the whole machine.</summary>
public static class HostCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU of every process named postgres, and of the ones that exited and were reaped by the postmaster.</summary>
    public static double PostgresSeconds()
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..close] != "postgres")
                    continue;
                var fields = stat[(close + 2)..].Split(' ');
                // utime + stime, plus cutime + cstime: the postmaster is charged for its children once it has reaped them,
                // so a backend or autovacuum worker that exits mid-phase still counts (without them one run measured a move at
                // 0.3 ms of PostgreSQL CPU against 1.3-1.8 ms in the runs around it).
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>(busy, total) jiffies of all CPUs since boot.</summary>
    public static (long Busy, long Total) Machine()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = cpu[3] + cpu[4];
            var total = cpu.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>CPU-seconds the whole machine was busy between two readings (all processes, all CPUs).</summary>
    public static double BusySeconds((long Busy, long Total) before, (long Busy, long Total) after) => (after.Busy - before.Busy) / TicksPerSecond;

    public static double BusyShare((long Busy, long Total) before, (long Busy, long Total) after) =>
        after.Total == before.Total ? 0 : (double)(after.Busy - before.Busy) / (after.Total - before.Total);
}
