using System.Diagnostics;
using System.Text;
using GemScheduling.HarvestSandbox;
using GemScheduling.Sync;
using GemScheduling.Webhooks;

namespace GemScheduling.Bench;

/// <summary>
/// Issue 16: what webhooks save and cost. An idle org's background Harvest calls an hour come from its incremental
/// polls; the bench measures one idle poll's calls and reads the poll interval the sync grain itself reports with and
/// without healthy webhooks. Then what a change costs delivered as a webhook, and a flood of 1,000 deliveries sent
/// straight to the org's webhook grain (acknowledgement latency, time until all are processed, Harvest calls).
/// </summary>
public sealed class WebhookBench(BenchOptions options)
{
    private const string Secret = "bench-webhook-secret-0123456789abcdefghijklmnop";
    private const int Flood = 1000;
    private const int Senders = 16;

    public async Task RunAsync()
    {
        foreach (var postgres in options.Store switch { "memory" => [false], "postgres" => [true], _ => new[] { false, true } })
            await RunOnAsync(postgres);
    }

    private async Task RunOnAsync(bool postgres)
    {
        // The service's own poll interval, so the sync grain reports the real pace; the measurements end well within one.
        await using var rig = await SiloRig.StartAsync(options, postgres, budgetDefaultLimit: 100_000, syncInterval: new SyncOptions().Interval);
        await using var sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        var org = sandbox.State.CreateOrganization(new OrganizationOptions { Seed = options.Seed, Scale = DataScale.Demo, RateLimit = 100_000 });
        var orgId = await SyncBench.ConnectAsync(rig, sandbox, org, org.CreateApiKey().Key, options.Harvest);
        var sync = rig.Grains.GetGrain<ISyncGrain>(orgId);
        var hook = rig.Grains.GetGrain<IGreenhouseWebhookGrain>(orgId);
        await PassAsync(sync, SyncMode.Full);
        Report.Line($"#### {rig.StoreName}, Harvest {options.Harvest}: one Demo-scale sandbox org, fully synced; the webhook grain called directly (no HTTP in front)");

        // An idle poll: nothing changed in Greenhouse since the last pass.
        var idleCalls = await CallsDuringAsync(org, () => PassAsync(sync, SyncMode.Incremental));
        var pollingOnly = (await sync.GetStatus()).IntervalMinutes;
        await hook.Configure(Secret, "bench");
        await DeliverAsync(hook, """{"action":"ping","payload":{"web_hook_id":1}}""");
        var status = await sync.GetStatus();
        var withWebhooks = status.IntervalMinutes;
        var perHourPolling = idleCalls * 60 / pollingOnly;
        var perHourWebhooks = idleCalls * 60 / withWebhooks;

        // One change in Greenhouse's UI, delivered: what processing it reads.
        var target = org.FindSchedulingTarget()!;
        var stage = org.GetJobStages(target.JobId).First(s => s.Id != target.StageId).Id;
        org.MoveApplication(target.ApplicationId, stage);
        var body = $$$$$"""{"action":"candidate_stage_change","payload":{"application":{"id":{{{{{target.ApplicationId}}}}},"candidate":{"id":{{{{{target.CandidateId}}}}}}}}}""";
        var changeCalls = await CallsDuringAsync(org, async () => { await DeliverAsync(hook, body); await ProcessedAsync(hook); });

        // A flood: 1,000 deliveries about 50 candidates from 16 senders.
        var candidates = Enumerable.Range(0, 50).Select(i => org.FindSchedulingTarget(i)?.CandidateId).OfType<long>().Distinct().ToList();
        var acks = new double[Flood];
        var clock = Stopwatch.StartNew();
        TimeSpan acknowledged = default;
        var floodCalls = await CallsDuringAsync(org, async () =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Flood), new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (i, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                var receipt = await DeliverAsync(hook, $$$$$"""{"action":"update_candidate","payload":{"candidate":{"id":{{{{{candidates[i % candidates.Count]}}}}}}}}""");
                acks[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (receipt.Outcome != WebhookOutcome.Accepted)
                    throw new InvalidOperationException($"delivery {i} was {receipt.Outcome}");
            });
            acknowledged = clock.Elapsed;
            await ProcessedAsync(hook);
        });
        var processed = clock.Elapsed;
        var view = (await hook.Get())!;

        Report.Table(["what", "measured"],
        [
            ["Harvest calls of one idle incremental poll", Report.N(idleCalls)],
            ["poll interval the sync grain reports: polling only / webhooks healthy", $"{pollingOnly:0} min / {withWebhooks:0} min ({status.Webhooks})"],
            ["background Harvest calls an hour for an idle org: polling only / webhooks healthy", $"{perHourPolling:0} / {perHourWebhooks:0} (÷{perHourPolling / Math.Max(1, perHourWebhooks):0.#})"],
            ["Harvest calls to apply one stage move delivered as a webhook", Report.N(changeCalls)],
            [$"flood: {Flood} deliveries from {Senders} senders, acknowledgement p50 / p99 ms", $"{Report.F(Report.Median(acks), "0.0")} / {Report.F(Report.Percentile(acks, 99), "0.0")}"],
            ["flood: all acknowledged / all processed after", $"{acknowledged.TotalSeconds:0.00} s / {processed.TotalSeconds:0.00} s"],
            ["flood: Harvest calls to process it (candidates read in batches)", Report.N(floodCalls)],
            ["flood: accepted / processed / pending (webhook grain's counters)", $"{view.Accepted} / {view.Processed} / {view.Pending}"],
        ]);
        Report.Line($"webhooks: store={rig.StoreName} harvest={options.Harvest} idle_poll_calls={idleCalls} calls_per_idle_org_hour_polling={perHourPolling:0} " +
                    $"calls_per_idle_org_hour_webhooks={perHourWebhooks:0} change_calls={changeCalls} ack_p50_ms={Report.F(Report.Median(acks), "0.0")} " +
                    $"ack_p99_ms={Report.F(Report.Percentile(acks, 99), "0.0")} flood_processed_s={processed.TotalSeconds:0.00} flood_calls={floodCalls}");
    }

    private static Task<WebhookReceipt> DeliverAsync(IGreenhouseWebhookGrain hook, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return hook.Receive(new WebhookDelivery(bytes, WebhookSignature.Sign(Secret, bytes), Guid.NewGuid().ToString()));
    }

    private static async Task ProcessedAsync(IGreenhouseWebhookGrain hook)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while ((await hook.Get())!.Pending > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("webhook deliveries still pending after 5 min");
            await Task.Delay(10);
        }
    }

    private static async Task<int> CallsDuringAsync(SandboxOrganization org, Func<Task> action)
    {
        var mark = org.CallLog().LastOrDefault()?.Sequence ?? 0;
        await action();
        return org.CallLog().Count(c => c.Sequence > mark);
    }

    private static async Task PassAsync(ISyncGrain sync, SyncMode mode)
    {
        var started = await sync.Start(mode, "bench");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (await sync.GetStatus() is var status && (status.PassId != started.PassId || status.State == SyncStatus.Running))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"sync pass {started.PassId} still running");
            await Task.Delay(25);
        }
    }
}
