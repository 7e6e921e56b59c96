using GemScheduling.HarvestSandbox;

namespace GemScheduling.Bench;

public sealed record BenchOptions
{
    public const string Usage = """
        usage: GemScheduling.Bench <command> [options]
          commands: client-paging | sync-full | sync-budget | sync-incremental | all
          --quick                 small org (10k candidates, 15k applications, 200 jobs, 500 users), fewer repetitions
          --reps N                measured repetitions (client-paging: per variant; sync-*: passes per store)
          --store memory|postgres|both   read model(s) for sync-full (default both) and sync-incremental (default memory)
          --page-concurrency N    SyncOptions.PageConcurrency for sync-* (default 4, the service default)
          --pg CONNSTRING         admin connection (default Host=127.0.0.1;Port=5432;Username=gemscheduling;Password=gemscheduling;Database=postgres)
          --seed N                sandbox data seed (default 7)
        """;

    public static readonly DataScale QuickScale = DataScale.Large with
    {
        Name = "quick", Offices = 20, Departments = 10, Users = 500, Jobs = 200, Candidates = 10_000, Applications = 15_000,
    };

    public required string Command { get; init; }
    public bool Quick { get; init; }
    public int? Reps { get; init; }
    public string? Store { get; init; }
    public int PageConcurrency { get; init; } = 4;
    public int Seed { get; init; } = 7;

    public string PostgresAdmin { get; init; } =
        Environment.GetEnvironmentVariable("GEMSCHEDULING_BENCH_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=gemscheduling;Password=gemscheduling;Database=postgres";

    public DataScale Scale => Quick ? QuickScale : DataScale.Large;

    public int RepsOr(int full, int quick) => Reps ?? (Quick ? quick : full);

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("client-paging" or "sync-full" or "sync-budget" or "sync-incremental" or "all"))
            return null;
        var options = new BenchOptions { Command = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--reps" => options with { Reps = int.Parse(Value()) },
                "--store" => options with { Store = Value() },
                "--page-concurrency" => options with { PageConcurrency = int.Parse(Value()) },
                "--pg" => options with { PostgresAdmin = Value() },
                "--seed" => options with { Seed = int.Parse(Value()) },
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }

        return options;
    }
}
