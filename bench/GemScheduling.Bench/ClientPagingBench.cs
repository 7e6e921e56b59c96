using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V1.Models;
using GemScheduling.HarvestSandbox;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace GemScheduling.Bench;

/// <summary>
/// Harvest client paging throughput against a sandbox org with rate limiting off and no budget, next to a baseline
/// of plain HttpClient GETs of the same pages (bytes only, and bytes + JsonDocument.Parse). Variants are interleaved
/// in a rotating order within each repetition so that load from other processes spreads over all of them.
/// </summary>
public sealed partial class ClientPagingBench(BenchOptions options)
{
    private const int PerPage = 500;
    private static readonly int[] Concurrencies = [1, 4, 8];

    private HarvestV1Client _client = null!;
    private HttpClient _raw = null!;
    private Uri _base = null!;

    private sealed record Variant(string Resource, string Method, int Concurrency, Func<Task<Pass>> Run);

    private sealed record Pass(int Pages, long Records, long Bytes);

    private sealed record Sample(Pass Pass, Measured Cost);

    public async Task RunAsync()
    {
        await using var sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        var (org, generation) = await Measured.RunAsync(() => Task.FromResult(
            sandbox.State.CreateOrganization(new OrganizationOptions { Seed = options.Seed, Scale = options.Scale, RateLimit = null })));
        var summary = org.Summary();
        Report.Line($"- sandbox org generated in {Report.F(generation.Wall.TotalSeconds)} s: {summary.Candidates:N0} candidates, " +
                    $"{summary.Applications:N0} applications; rate limit off; per_page {PerPage}");
        var key = org.CreateApiKey().Key;
        _base = sandbox.BaseAddress;

        var services = new ServiceCollection();
        services.AddSingleton<IHarvestRateGate>(new UnlimitedHarvestRateGate());
        services.AddHarvestClient(new HarvestClientOptions { Hosts = new GemScheduling.Harvest.Http.GreenhouseHostPolicy { AllowPrivateHosts = true } }); // the sandbox is on loopback
        await using var provider = services.BuildServiceProvider();
        _client = provider.GetRequiredService<HarvestClientFactory>()
            .CreateV1(new HarvestConnection("bench", sandbox.BaseAddress, key), HarvestLane.Background);

        _raw = new HttpClient(new SocketsHttpHandler()) { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

        var variants = new List<Variant>();
        foreach (var concurrency in Concurrencies)
        {
            variants.Add(new("applications", "client", concurrency, () => Client(api => api.ListApplications(new ApplicationFilter { PerPage = PerPage }), concurrency)));
            variants.Add(new("applications", "raw+JsonDocument", concurrency, () => Raw("v1/applications", concurrency, parse: true)));
            variants.Add(new("applications", "raw bytes", concurrency, () => Raw("v1/applications", concurrency, parse: false)));
            variants.Add(new("candidates", "client", concurrency, () => Client(api => api.ListCandidates(new CandidateFilter { PerPage = PerPage }), concurrency)));
            variants.Add(new("candidates", "raw+JsonDocument", concurrency, () => Raw("v1/candidates", concurrency, parse: true)));
            variants.Add(new("candidates", "raw bytes", concurrency, () => Raw("v1/candidates", concurrency, parse: false)));
        }

        var reps = options.RepsOr(full: 5, quick: 3);
        var samples = variants.ToDictionary(v => v, _ => new List<Sample>());
        Report.Line($"- {variants.Count} variants; 1 warm-up pass each, then {reps} measured repetitions, order rotated each repetition; forced GC before every pass");
        for (var rep = 0; rep <= reps; rep++)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var variant = variants[(i + rep * 5) % variants.Count];
                Measured.Settle();
                var (pass, cost) = await Measured.RunAsync(variant.Run);
                if (rep > 0)
                    samples[variant].Add(new Sample(pass, cost));
            }

            Console.Error.WriteLine($"  client-paging repetition {rep}/{reps} done{(rep == 0 ? " (warm-up)" : "")}");
        }

        Print(samples);
        var counters = org.Counters();
        Report.Line($"- sandbox served {counters.Requests:N0} requests, {counters.RateLimited} 429s, {counters.FaultsServed} faults");
        _raw.Dispose();
    }

    private void Print(Dictionary<Variant, List<Sample>> samples)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (variant, runs) in samples.OrderBy(s => s.Key.Resource).ThenBy(s => s.Key.Concurrency).ThenBy(s => s.Key.Method))
        {
            var seconds = runs.Select(r => r.Cost.Wall.TotalSeconds).ToList();
            var first = runs[0].Pass;
            if (runs.Any(r => r.Pass.Pages != first.Pages || (r.Pass.Records >= 0 && r.Pass.Records != first.Records)))
                throw new InvalidOperationException($"{variant.Resource} {variant.Method}: passes read different data");
            var median = Report.Median(seconds);
            var baseline = samples.Single(s => s.Key.Resource == variant.Resource && s.Key.Concurrency == variant.Concurrency && s.Key.Method == "raw+JsonDocument").Value;
            var bytes = samples.Single(s => s.Key.Resource == variant.Resource && s.Key.Concurrency == variant.Concurrency && s.Key.Method == "raw bytes").Value;
            var records = first.Records >= 0 ? first.Records : baseline[0].Pass.Records;
            // Paired ratios: the variants of one repetition ran within seconds of each other, under the same outside load.
            var pairedJson = runs.Select((r, i) => r.Cost.Wall.TotalSeconds / baseline[i].Cost.Wall.TotalSeconds).ToList();
            var pairedBytes = runs.Select((r, i) => r.Cost.Wall.TotalSeconds / bytes[i].Cost.Wall.TotalSeconds).ToList();
            rows.Add([
                variant.Resource,
                variant.Concurrency == 1 ? "sequential" : $"fan-out {variant.Concurrency}",
                variant.Method,
                first.Pages.ToString(),
                Report.F(median, "0.000"),
                Report.F(Report.Percentile(seconds, 95), "0.000"),
                $"{Report.F(seconds.Min(), "0.000")}–{Report.F(seconds.Max(), "0.000")}",
                Report.F(first.Pages / median, "0.0"),
                Report.N(records / median),
                Report.F(Report.Median(runs.Select(r => r.Cost.Cpu.TotalMilliseconds / first.Pages).ToList()), "0.0"),
                Report.F(Report.Median(runs.Select(r => r.Cost.AllocatedBytes / 1024.0 / first.Pages).ToList()), "0"),
                Report.Spread(pairedJson),
                Report.Spread(pairedBytes),
            ]);
        }

        var bodies = samples.Where(s => s.Key.Method == "raw bytes" && s.Key.Concurrency == 1)
            .Select(s => $"{s.Key.Resource} {Report.F(s.Value[0].Pass.Bytes / 1024.0 / s.Value[0].Pass.Pages, "0")} KiB")
            .ToList();
        Report.Line($"- response body per 500-record page: {string.Join(", ", bodies)}");
        Report.Table(
            ["resource", "paging", "method", "pages", "median s", "p95 s", "min–max s", "pages/s", "records/s",
             "CPU ms/page (process)", "alloc KiB/page (process)", "time ÷ raw+JsonDocument, paired: median (min–max)", "time ÷ raw bytes, paired"],
            rows);
        Report.Line("CPU and allocations are the whole process: the sandbox serving the page is included, identically for every method, so differences between methods are the client's.");
    }

    private async Task<Pass> Client<T>(Func<IHarvestV1Api, Task<IApiResponse<List<T>>>> firstPage, int concurrency)
    {
        var pages = 0;
        long records = 0;
        if (concurrency == 1)
        {
            await foreach (var page in _client.PagesAsync(firstPage))
            {
                pages++;
                records += page.Items.Count;
            }

            return new Pass(pages, records, -1);
        }

        HarvestPage<T>? first = null;
        await foreach (var page in _client.PagesAsync(firstPage))
        {
            first = page;
            break;
        }

        pages = 1;
        records = first!.Items.Count;
        if (first.Last is { } last && first.PageCount is > 1 and var count)
        {
            await Parallel.ForEachAsync(Enumerable.Range(2, count - 1), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (number, ct) =>
            {
                var page = await _client.PageAsync<T>(LinkHeader.WithPage(last, number), ct);
                Interlocked.Increment(ref pages);
                Interlocked.Add(ref records, page.Items.Count);
            });
        }

        return new Pass(pages, records, -1);
    }

    /// <summary>The baseline: GET with a fixed Basic header, read the body, optionally JsonDocument.Parse it and count the array.</summary>
    private async Task<Pass> Raw(string path, int concurrency, bool parse)
    {
        var pages = 0;
        long records = 0;
        long bytes = 0;
        async Task<string?[]> Get(string url)
        {
            using var response = await _raw.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            Interlocked.Increment(ref pages);
            Interlocked.Add(ref bytes, body.Length);
            if (parse)
            {
                using var document = JsonDocument.Parse(body);
                Interlocked.Add(ref records, document.RootElement.GetArrayLength());
            }

            var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : "";
            return [Rel(link, "next"), Rel(link, "last")];
        }

        var links = await Get($"{path}?per_page={PerPage}");
        if (concurrency == 1)
        {
            while (links[0] is { } next)
                links = await Get(next);
        }
        else if (links[1] is { } last)
        {
            var count = int.Parse(PageParameter().Matches(last)[^1].Groups[1].Value);
            await Parallel.ForEachAsync(Enumerable.Range(2, count - 1), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (number, _) => await Get(PageParameter().Replace(last, $"page={number}")));
        }

        return new Pass(pages, parse ? records : -1, bytes);
    }

    private static string? Rel(string header, string rel)
    {
        foreach (var part in header.Split(','))
        {
            if (part.Contains($"rel=\"{rel}\"", StringComparison.Ordinal))
            {
                var start = part.IndexOf('<') + 1;
                return part[start..part.IndexOf('>')];
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<=[?&])page=(\d+)")]
    private static partial Regex PageParameter();
}
