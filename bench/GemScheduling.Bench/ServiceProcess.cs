using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace GemScheduling.Bench;

/// <summary>
/// The service (src/Api) as a separate process, started the way an operator starts it (`dotnet GemScheduling.Api.dll
/// --urls ...` plus environment), so the HTTP is real and its CPU and memory are its own. In-memory ("embedded") or
/// over a fresh gs_bench_* PostgreSQL database. Its console output is kept in memory (last lines) and shown on failure.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string AdminToken = "bench-admin-token-0123456789abcdefghij";

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private long _lines;

    private ServiceProcess(Process process, Uri baseAddress, BenchDatabase? database)
    {
        _process = process;
        BaseAddress = baseAddress;
        Database = database;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public BenchDatabase? Database { get; }

    public int Pid => _process.Id;

    public string StoreName => Database is null ? "memory" : "postgres";

    public long OutputLines => Interlocked.Read(ref _lines);

    /// <summary>One handler for every client of the run: no per-server connection cap, pooled connections kept.</summary>
    public static readonly SocketsHttpHandler Handler = new()
    {
        MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    };

    public HttpClient Client(string? token = AdminToken)
    {
        var client = new HttpClient(Handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string DefaultServiceDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GemScheduling.sln")))
                return Path.Combine(dir.FullName, "src", "Api", "bin", "Release", "net10.0", "GemScheduling.Api.dll");
        }

        throw new FileNotFoundException("GemScheduling.sln not found above the bench binary; pass --service PATH");
    }

    public static async Task<ServiceProcess> StartAsync(BenchOptions options, bool postgres)
    {
        var dll = Path.GetFullPath(options.ServiceDll ?? DefaultServiceDll());
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} not found: build it with `dotnet build -c Release src/Api` (or pass --service)");
        var database = postgres ? await BenchDatabase.CreateAsync(options.PostgresAdmin) : null;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, // content root: its appsettings.json applies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Admin__Token"] = AdminToken;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["Greenhouse__AllowPrivateHosts"] = "true"; // the bench's sandbox is on loopback
        start.Environment["RateLimits__Enabled"] = "false";         // the bench measures the service, not its request limits
        start.Environment["Orleans__SiloPort"] = FreePort().ToString();
        start.Environment["Orleans__AdvertisedHost"] = "127.0.0.1";
        if (Environment.GetEnvironmentVariable("BENCH_SERVICE_JIT_LOG") is { Length: > 0 } jitLog)
        {
            // One line per method the service's JIT compiles, with its tier: shows whether a figure measured warm-up.
            start.Environment["DOTNET_JitStdOutFile"] = jitLog;
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
        }
        start.Environment["Orleans__ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..12];
        start.Environment["Secrets__MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (database is not null)
            start.Environment["ConnectionStrings__Postgres"] = database.ConnectionString;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"), database);
        try
        {
            using var probe = service.Client(null);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (true)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"the service exited with {process.ExitCode}:\n{service.Tail()}");
                try
                {
                    if ((await probe.GetAsync("health/ready")).IsSuccessStatusCode)
                        break;
                }
                catch (HttpRequestException)
                {
                }

                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"the service was not ready within 3 minutes:\n{service.Tail()}");
                await Task.Delay(200);
            }

            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>utime + stime of the service process, in seconds.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Resident set size of the service process, in bytes.</summary>
    public long RssBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return 0;
        }
    }

    public IReadOnlyDictionary<string, long> LogCategories()
    {
        lock (_tail)
            return new Dictionary<string, long>(_categories);
    }

    public string Tail()
    {
        lock (_tail)
            return string.Join('\n', _tail);
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        Interlocked.Increment(ref _lines);
        lock (_tail)
        {
            // The console formatter starts each entry with "info: Category[EventId]"; continuation lines are indented.
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var bracket = line.IndexOf('[');
            if (colon is 4 && bracket > colon)
            {
                var key = $"{line[..4]} {line[(colon + 2)..bracket]}";
                _categories[key] = _categories.GetValueOrDefault(key) + 1;
            }

            _tail.Enqueue(line);
            while (_tail.Count > 60)
                _tail.Dequeue();
        }
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int SysKill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            SysKill(_process.Id, 15); // SIGTERM: the host stops gracefully (the silo leaves the cluster)
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"  service {_process.Id} did not stop within 40 s of SIGTERM; killing it");
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        if (Database is not null)
            await Database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One HTTP call: status, parsed JSON body (or default), wall time, and when the response arrived.</summary>
public readonly record struct ApiResult(HttpStatusCode Status, JsonElement Body, double Milliseconds, DateTimeOffset At)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public static async Task<ApiResult> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            var at = DateTimeOffset.UtcNow;
            JsonElement json = default;
            if (bytes.Length > 0)
            {
                try
                {
                    json = JsonDocument.Parse(bytes).RootElement;
                }
                catch (JsonException)
                {
                }
            }

            return new ApiResult(response.StatusCode, json, watch.Elapsed.TotalMilliseconds, at);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            watch.Stop();
            return new ApiResult(0, default, watch.Elapsed.TotalMilliseconds, DateTimeOffset.UtcNow);
        }
    }

    public ApiResult EnsureOk(string what) =>
        Ok ? this : throw new InvalidOperationException($"{what}: {(int)Status} {(Body.ValueKind == JsonValueKind.Undefined ? "" : Body.ToString())}");
}
