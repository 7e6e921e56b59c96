using GemScheduling.HarvestSandbox;

namespace GemScheduling.Bench;

public sealed record BenchOptions
{
    public const string Usage = """
        usage: GemScheduling.Bench <command> [options]
          commands: client-paging | sync-full | sync-budget | sync-incremental | all | suggestions | load | scale | webhooks
          webhooks                idle-org Harvest calls an hour with and without healthy webhooks, a change's cost, a 1,000-delivery flood (--store, --harvest)
          scale                   idle orgs × schedules on one silo (--orgs, default 10,000; --ops = schedules per org, default 100; --harvest)
          --quick                 small org (10k candidates, 15k applications, 200 jobs, 500 users), fewer repetitions
          --reps N                measured repetitions (client-paging: per variant; sync-*: passes per store)
          --store memory|postgres|both   read model(s) for sync-full (default both) and sync-incremental (default memory)
          --page-concurrency N    SyncOptions.PageConcurrency for sync-* (default 4, the service default)
          --pg CONNSTRING         admin connection (default Host=127.0.0.1;Port=5432;Username=gemscheduling;Password=gemscheduling;Database=postgres;SSL Mode=Disable:
                                  plain TCP on loopback, as docker-compose reaches its database; the service and the baselines use it alike)
          --seed N                sandbox data seed (default 7)
          --harvest v1|v3         sync-*: connect through a v1/v2 API key (default) or v3 OAuth credentials
          --stage-on-applications v3: the sandbox sends applications' job_interview_stage_id (Greenhouse's newer schema)
          --runs N                suggestions: measured runs per variant and round (default 500, quick 100)
          --warmup N              suggestions: warm-up runs per variant (default 50, quick 10); load: schedules created, moved and cancelled before measuring (default 2000, quick 24)
          --http on|off           suggestions: also measure POST .../suggestions against the service process (default on)
          --clients LIST          load: concurrent API clients, comma-separated (default 1,4,16,32; quick 1,4)
          --orgs N                load: orgs (each its own sandbox org and key) the clients are spread over (default 4)
          --ops N                 load: operations of each kind (create, move, cancel) per client count (default 200, quick 24)
          --limits LIST           load: sandbox rate limits, "off" and/or a number per 10 s (default off,50)
          --grains N              load: grains activated for the memory-per-grain figure (default 100000, quick 10000)
          --parts LIST            load: any of baseline,api,memory (default all three)
          --rounds N              load, both stores: both services up at once, N rounds taking turns (default 1: one store, then the other)
          --service PATH          the service to start (default src/Api/bin/Release/net10.0/GemScheduling.Api.dll)
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
    public string Harvest { get; init; } = "v1";

    /// <summary>v3: applications carry job_interview_stage_id (Greenhouse's newer schema), so no application stage is read.</summary>
    public bool StageOnApplications { get; init; }
    public int? Runs { get; init; }
    public int? Warmup { get; init; }
    public bool Http { get; init; } = true;
    public IReadOnlyList<int>? Clients { get; init; }
    public int Orgs { get; init; } = 4;
    public int? Ops { get; init; }
    public IReadOnlyList<int?> Limits { get; init; } = [null, 50];
    public int? Grains { get; init; }
    public IReadOnlyList<string> Parts { get; init; } = ["baseline", "api", "memory"];
    public int Rounds { get; init; } = 1;
    public string? ServiceDll { get; init; }

    public string PostgresAdmin { get; init; } =
        Environment.GetEnvironmentVariable("GEMSCHEDULING_BENCH_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=gemscheduling;Password=gemscheduling;Database=postgres;SSL Mode=Disable";

    public DataScale Scale => Quick ? QuickScale : DataScale.Large;

    public int RepsOr(int full, int quick) => Reps ?? (Quick ? quick : full);

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("client-paging" or "sync-full" or "sync-budget" or "sync-incremental" or "all" or "suggestions" or "load" or "scale" or "webhooks"))
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
                "--harvest" => options with { Harvest = Value() is "v3" ? "v3" : "v1" },
                "--stage-on-applications" => options with { StageOnApplications = true },
                "--runs" => options with { Runs = int.Parse(Value()) },
                "--warmup" => options with { Warmup = int.Parse(Value()) },
                "--http" => options with { Http = Value() is not ("off" or "false" or "no") },
                "--clients" => options with { Clients = Value().Split(',').Select(int.Parse).ToList() },
                "--orgs" => options with { Orgs = int.Parse(Value()) },
                "--ops" => options with { Ops = int.Parse(Value()) },
                "--limits" => options with { Limits = Value().Split(',').Select(l => l is "off" or "0" ? (int?)null : int.Parse(l)).ToList() },
                "--grains" => options with { Grains = int.Parse(Value()) },
                "--parts" => options with { Parts = Value().Split(',') },
                "--rounds" => options with { Rounds = int.Parse(Value()) },
                "--service" => options with { ServiceDll = Value() },
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }

        return options;
    }
}
