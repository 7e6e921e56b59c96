using GemScheduling.Bench;

// GemScheduling benchmarks: Stopwatch harnesses against the in-process Harvest sandbox (see docs/PERFORMANCE.md).
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Report.Environment(options);
var commands = options.Command == "all"
    ? new[] { "client-paging", "sync-full", "sync-budget", "sync-incremental" }
    : [options.Command];

foreach (var command in commands)
{
    Report.Section($"{command}{(options.Quick ? " (quick)" : "")}");
    Report.Load("load before");
    switch (command)
    {
        case "client-paging": await new ClientPagingBench(options).RunAsync(); break;
        case "sync-full": await new SyncBench(options).FullAsync(); break;
        case "sync-budget": await new SyncBench(options).BudgetAsync(); break;
        case "sync-incremental": await new SyncBench(options).IncrementalAsync(); break;
        case "suggestions": await new SuggestionsBench(options).RunAsync(); break;
        case "load": await new LoadBench(options).RunAsync(); break;
        case "scale": await new ScaleBench(options).RunAsync(); break;
        case "webhooks": await new WebhookBench(options).RunAsync(); break;
    }

    Report.Load("load after");
}

return 0;
