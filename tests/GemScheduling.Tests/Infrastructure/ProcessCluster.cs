using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// GemScheduling as it is deployed: replicas of <c>src/Api</c>, each its own OS process in production mode (PostgreSQL
/// event store, ADO.NET clustering and reminders, its own silo and HTTP ports, one ClusterId/ServiceId), on a fresh
/// database; and the Harvest sandbox as another process. Every child's output goes to a file under
/// <see cref="LogDirectory"/>; <see cref="Tails"/> prints their ends for a failure message. Disposing kills them all.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminToken = "kill-test-admin-token-0123456789abcdef";
    public const string SandboxAdminToken = "kill-test-sandbox-admin-token";

    private static readonly string MasterKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("process cluster master key"u8.ToArray()));

    private readonly List<ChildProcess> _children = [];
    private readonly string _clusterId = $"kill-{Guid.NewGuid():N}"[..20];
    private int _replicaCount;

    private ProcessCluster(TestDatabase database, string logDirectory)
    {
        Database = database;
        LogDirectory = logDirectory;
    }

    public TestDatabase Database { get; }
    public string LogDirectory { get; }
    public Uri SandboxUrl { get; private set; } = null!;
    public HttpClient SandboxAdmin { get; private set; } = null!;

    /// <summary>Replicas started so far (killed ones included), in start order.</summary>
    public List<Replica> Replicas { get; } = [];

    public static async Task<ProcessCluster> CreateAsync(string purpose)
    {
        var database = await PostgresServer.CreateDatabaseAsync(purpose);
        var logs = Path.Combine(Path.GetTempPath(), "gemscheduling-" + purpose, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6]);
        return new ProcessCluster(database, logs);
    }

    /// <summary>Starts the Harvest sandbox process (no demo org, admin surface behind a token) and waits until it answers.</summary>
    public async Task StartSandboxAsync()
    {
        var port = FreePort.Next();
        SandboxUrl = new Uri($"http://127.0.0.1:{port}/");
        var child = ChildProcess.Start("sandbox", "GemScheduling.HarvestSandbox.dll",
            ["--urls", $"http://127.0.0.1:{port}", "--no-demo", "--admin-token", SandboxAdminToken], new Dictionary<string, string>(), LogDirectory);
        _children.Add(child);
        SandboxAdmin = new HttpClient { BaseAddress = SandboxUrl, Timeout = TimeSpan.FromSeconds(30) };
        SandboxAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxAdminToken);
        await WaitUntilAsync(child, async () => (await SandboxAdmin.GetAsync("_admin")).IsSuccessStatusCode, TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts one more replica; <paramref name="waitUntilReady"/> waits for /health/ready (silo joined, database reachable).</summary>
    public async Task<Replica> StartReplicaAsync(bool waitUntilReady = true)
    {
        var name = ((char)('a' + _replicaCount++)).ToString();
        var httpPort = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{httpPort}/");
        // Each replica keeps a few pools (event store, clustering, reminders, storage): small ones so several fit the server.
        var connection = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxPoolSize = 20 }.ConnectionString;
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["ConnectionStrings__Postgres"] = connection,
            ["Secrets__MasterKey"] = MasterKey,
            ["PublicBaseUrl"] = url.ToString(),
            ["Admin__Token"] = AdminToken,
            ["Demo__Enabled"] = "false",
            ["Orleans__ClusterId"] = _clusterId,
            ["Orleans__ServiceId"] = _clusterId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__AdvertisedHost"] = "127.0.0.1",
            ["Greenhouse__AllowPrivateHosts"] = "true", // the sandbox is on loopback
            ["RateLimits__Enabled"] = "false",          // one test client drives every replica
            ["Logging__LogLevel__Polly"] = "Error",     // each Harvest retry of the fault storm would be a warning
            ["DOTNET_gcServer"] = "0",                  // several replicas share two cores in CI
            ["DOTNET_TieredPGO"] = "0",
        };
        var child = ChildProcess.Start("replica-" + name, "GemScheduling.Api.dll", [], environment, LogDirectory);
        _children.Add(child);
        var replica = new Replica(name, url, child);
        Replicas.Add(replica);
        if (waitUntilReady)
            await WaitUntilReadyAsync(replica);
        return replica;
    }

    public async Task WaitUntilReadyAsync(Replica replica, TimeSpan? timeout = null)
    {
        using var probe = new HttpClient { BaseAddress = replica.Url, Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(replica.Process, async () => (await probe.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(90));
        replica.Ready = true;
    }

    /// <summary>The ends of every child's output.</summary>
    public string Tails(int lines = 60) => string.Join("\n", _children.Select(c => c.Tail(lines)));

    private async Task WaitUntilAsync(ChildProcess child, Func<Task<bool>> ready, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (child.HasExited)
                throw new InvalidOperationException($"{child.Name} exited while starting.\n{child.Tail()}");
            try
            {
                if (await ready())
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{child.Name} was not ready after {timeout.TotalSeconds:0} s.\n{child.Tail()}");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
            child.Dispose();
        SandboxAdmin?.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>One GemScheduling replica process: its HTTP address and the process to kill.</summary>
public sealed record Replica(string Name, Uri Url, ChildProcess Process)
{
    public bool Killed { get; private set; }

    /// <summary>It has answered /health/ready: a load balancer would send it traffic.</summary>
    public bool Ready { get; set; }

    /// <summary>SIGKILL: no graceful shutdown, its silo does not leave the cluster, it just stops answering.</summary>
    public void Kill()
    {
        Killed = true;
        Process.Kill();
    }
}
