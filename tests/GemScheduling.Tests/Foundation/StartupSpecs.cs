using System.Diagnostics;
using GemScheduling.Api.Hosting;
using GemScheduling.Api.Hosting.Startup;
using GemScheduling.Silo;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace GemScheduling.Tests.Foundation;

/// <summary>
/// What an operator sees when a replica cannot start: one line naming what to fix and exit code 2, never a stack
/// trace; and, when it does start, one line naming its mode, database and cluster.
/// </summary>
public sealed class StartupSpecs
{
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // 32 bytes, for tests only

    [Fact]
    public async Task Given_wrong_settings_when_the_service_starts_then_it_exits_2_with_one_line_naming_each_and_no_stack_trace()
    {
        var (exit, output) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=gs;Password=hunter2-not-shown;Database=gs",
            ["Secrets__MasterKey"] = Key,
            ["Orleans__SiloPort"] = "eleven",
            ["Greenhouse__AttemptTimeout"] = "soon",
        });

        Assert.Equal(StartupFailures.ExitCode, exit);
        var line = Assert.Single(output);
        Assert.StartsWith("GemScheduling cannot start:", line);
        Assert.Contains("PublicBaseUrl", line);
        Assert.Contains("Orleans__SiloPort 'eleven'", line);
        Assert.Contains("Greenhouse__AttemptTimeout 'soon'", line);
        Assert.DoesNotContain("hunter2", line);
    }

    [Fact]
    public async Task Given_a_database_that_does_not_answer_when_the_service_starts_then_it_says_where_it_looked_in_one_line()
    {
        var (exit, output) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=gs;Password=hunter2-not-shown;Database=scheduling",
            ["Secrets__MasterKey"] = Key,
            ["PublicBaseUrl"] = "https://scheduling.example.com",
            ["Database__StartupWaitSeconds"] = "1",
        });

        Assert.Equal(StartupFailures.ExitCode, exit);
        var line = Assert.Single(output);
        Assert.Contains("PostgreSQL at 127.0.0.1:1 (database scheduling, user gs) did not answer", line);
        Assert.DoesNotContain("hunter2", line);
    }

    [Theory]
    [InlineData("Secrets:MasterKey", "c2hvcnQ=", "Secrets__MasterKey must be base64 of exactly 32 bytes")]
    [InlineData("Admin:Token", "short", "Admin__Token must be at least 24 characters")]
    [InlineData("Telemetry:Exporter", "zipkin", "Telemetry__Exporter 'zipkin'")]
    [InlineData("Demo:HarvestVersion", "v2", "Demo__HarvestVersion 'v2'")]
    [InlineData("Email:Smtp:UseTls", "yes", "Email__Smtp__UseTls 'yes' must be true or false")]
    [InlineData("Orleans:SiloPort", "70000", "Orleans__SiloPort '70000'")]
    [InlineData("PublicBaseUrl", "scheduling.example.com", "must be an absolute http(s) URL")]
    [InlineData("Database:GroupCommit:Enabled", "on", "Database__GroupCommit__Enabled 'on' must be true or false")]
    [InlineData("Database:GroupCommit:MaxBatchesInFlight", "0", "Database__GroupCommit__MaxBatchesInFlight '0' must be a whole number from 1 to 64")]
    [InlineData("Database:GroupCommit:MaxBatchEvents", "lots", "Database__GroupCommit__MaxBatchEvents 'lots'")]
    [InlineData("Database:GroupCommit:Linger", "00:00:01", "Database__GroupCommit__Linger '00:00:01' must be a duration from")]
    public void Given_one_wrong_setting_then_the_validator_names_it(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var problems = ServiceSettingsValidator.Problems(ServiceSettings.From(configuration)).ToList();

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_embedded_default_then_no_setting_is_required()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        Assert.Empty(ServiceSettingsValidator.Problems(ServiceSettings.From(configuration)));
    }

    [Fact]
    public void Given_a_cluster_replica_then_the_banner_names_cluster_silo_and_database_but_not_the_password()
    {
        var silo = new SiloSettings
        {
            PostgresConnectionString = "Host=db;Port=5433;Username=gs;Password=hunter2;Database=scheduling", ClusterId = "prod-eu", AdvertisedHost = "replica-2", SiloPort = 11112,
        };

        var banner = HostingExtensions.Banner(silo, "Production");

        Assert.Equal("GemScheduling (Production): cluster 'prod-eu' (service 'gemscheduling'), silo replica-2:11112, PostgreSQL db:5433/scheduling as gs.", banner);
        Assert.Contains("embedded mode", HostingExtensions.Banner(new SiloSettings(), "Development"));
    }

    [SkippableFact]
    public async Task Given_a_production_replica_when_it_starts_then_it_names_its_cluster_and_never_loads_the_Harvest_sandbox()
    {
        await PostgresServer.EnsureAvailableAsync();
        await using var database = await PostgresServer.CreateDatabaseAsync("startup");

        var (_, output) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Secrets__MasterKey"] = Key,
            ["PublicBaseUrl"] = "https://scheduling.example.com",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__AdvertisedHost"] = "127.0.0.1",
            ["Orleans__ClusterId"] = "startup-spec",
            ["Logging__LogLevel__GemScheduling.Api"] = "Debug",
        }, until: line => line.Contains("GemScheduling assemblies loaded", StringComparison.Ordinal));

        Assert.Contains(output, line => line.StartsWith("GemScheduling (Production): cluster 'startup-spec'", StringComparison.Ordinal));
        var loaded = Assert.Single(output, line => line.Contains("GemScheduling assemblies loaded", StringComparison.Ordinal));
        Assert.Contains("GemScheduling.Grains", loaded);
        Assert.DoesNotContain("GemScheduling.HarvestSandbox", loaded);
        Assert.DoesNotContain(output, line => line.Contains("Demo Greenhouse", StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts the service as its own OS process with only the given settings and collects what it prints, until it exits
    /// or prints a line <paramref name="until"/> accepts (then it is stopped).
    /// </summary>
    private static async Task<(int Exit, List<string> Output)> RunServiceAsync(Dictionary<string, string> settings, Func<string, bool>? until = null)
    {
        var service = Path.Combine(AppContext.BaseDirectory, "GemScheduling.Api.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [service])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = new List<string>();
        var seen = new TaskCompletionSource();
        void Collect(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.Add(line.Trim());
            if (until?.Invoke(line) == true)
                seen.TrySetResult();
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAny(process.WaitForExitAsync(timeout.Token), seen.Task);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (output)
            output.RemoveAll(string.IsNullOrWhiteSpace);
        return (process.ExitCode, output);
    }
}
