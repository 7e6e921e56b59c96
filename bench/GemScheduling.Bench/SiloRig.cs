using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using GemScheduling.Harvest.RateBudget;
using GemScheduling.Silo;
using GemScheduling.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemScheduling.Bench;

/// <summary>One GemScheduling silo in this process, built the way the service builds it, over memory or a fresh PostgreSQL database.</summary>
public sealed class SiloRig : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly BenchDatabase? _database;

    private SiloRig(IHost host, BenchDatabase? database)
    {
        _host = host;
        _database = database;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public BenchDatabase? Database => _database;

    public string StoreName => _database is null ? "memory" : "postgres";

    public static async Task<SiloRig> StartAsync(BenchOptions options, bool postgres, int budgetDefaultLimit, TimeSpan? syncInterval = null)
    {
        var database = postgres ? await BenchDatabase.CreateAsync(options.PostgresAdmin) : null;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
            builder.Logging.AddFilter("Microsoft.Orleans", LogLevel.Error);
            // On shutdown the in-memory storage grain can stop before a rate budget records its window; nothing is lost
            // that memory would have kept, so those retries and warnings are noise in a bench report.
            builder.Logging.AddFilter("Polly", LogLevel.None);
            if (!postgres)
            {
                builder.Logging.AddFilter("GemScheduling.Greenhouse.Budget", LogLevel.Error);
                builder.Logging.AddFilter("Orleans.Storage.MemoryGrainStorage", LogLevel.None);
                builder.Logging.AddFilter("Orleans.Messaging", LogLevel.Critical);
            }

            // Overrides go in before AddGemSchedulingSilo, whose registrations are TryAdd.
            builder.Services.AddSingleton(new SyncOptions
            {
                StartOnConnect = false, PageSize = 500, PageConcurrency = options.PageConcurrency,
                Interval = syncInterval ?? TimeSpan.FromHours(1), // no reminder-started pass in the middle of a measurement
            });
            builder.Services.AddSingleton(new RateBudgetOptions { DefaultLimit = budgetDefaultLimit });
            if (database is not null)
                builder.Configuration["Secrets:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

            builder.AddGemSchedulingSilo(new SiloSettings
            {
                PostgresConnectionString = database?.ConnectionString,
                SiloPort = FreePort(),
                AdvertisedHost = "127.0.0.1",
                ClusterId = "bench-" + Guid.NewGuid().ToString("N")[..12],
                ServiceId = "gemscheduling-bench",
                Greenhouse = new GemScheduling.Greenhouse.GreenhouseSettings { AllowPrivateHosts = true }, // the sandbox on loopback
            });
            var host = builder.Build();
            await host.StartAsync();
            return new SiloRig(host, database);
        }
        catch
        {
            if (database is not null)
                await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await _host.StopAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (_host is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            _host.Dispose();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A database named gs_bench_*, created for one run and dropped after it.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private BenchDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string admin)
    {
        var name = $"gs_bench_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new BenchDatabase(admin, name, connectionString);
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public static async Task<string> ServerVersionAsync(string admin)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // Plain DROP first: PostgreSQL itself stops an autovacuum worker on the database (the bulk load triggers one),
        // whereas WITH (FORCE) needs pg_signal_backend to terminate it. FORCE only for our own stray sessions.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_admin);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\"{(attempt % 2 == 0 ? " WITH (FORCE)" : "")}", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (attempt < 10)
            {
                Console.Error.WriteLine($"  DROP DATABASE {Name} attempt {attempt}: {ex.MessageText}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
