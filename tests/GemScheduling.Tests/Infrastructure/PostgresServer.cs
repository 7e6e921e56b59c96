using Npgsql;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the persistence tests run against. CI sets GEMSCHEDULING_TEST_POSTGRES and
/// GEMSCHEDULING_REQUIRE_POSTGRES=1, so a missing server fails the run; on a developer box without one those tests skip loudly.
/// </summary>
public static class PostgresServer
{
    private const string DefaultAdminConnection = "Host=127.0.0.1;Port=5432;Username=gemscheduling;Password=gemscheduling;Database=postgres";

    private static readonly Lazy<Task<string?>> Unavailable = new(ProbeAsync);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("GEMSCHEDULING_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultAdminConnection;

    public static bool Required => Environment.GetEnvironmentVariable("GEMSCHEDULING_REQUIRE_POSTGRES") == "1";

    public static async Task<bool> IsAvailableAsync() => await Unavailable.Value is null;

    /// <summary>Skips (developer box) or fails (CI) the calling test when PostgreSQL cannot be reached.</summary>
    public static async Task EnsureAvailableAsync()
    {
        var reason = await Unavailable.Value;
        if (reason is null)
            return;
        var message = $"PostgreSQL is not reachable at {Redacted(AdminConnectionString)}: {reason}";
        if (Required)
            throw new InvalidOperationException(message + " (GEMSCHEDULING_REQUIRE_POSTGRES=1)");
        Console.Error.WriteLine($"*** SKIPPING a PostgreSQL test: {message}. Set GEMSCHEDULING_TEST_POSTGRES to run it. ***");
        Skip.If(true, message);
    }

    /// <summary>A fresh, empty database; dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        await EnsureAvailableAsync();
        var name = $"gs_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        // Every silo host, provider and data source keeps its own pool: keep each small so parallel tests fit the server.
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name, Pooling = true, MaxPoolSize = 10, ConnectionIdleLifetime = 15,
        }.ConnectionString;
        return new TestDatabase(name, connectionString);
    }

    private static async Task<string?> ProbeAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}

public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    /// <summary>With the service's own connection defaults (no reset on return, auto-prepare, timeouts), as production runs.</summary>
    public NpgsqlDataSource CreateDataSource() =>
        NpgsqlDataSource.Create(GemScheduling.Persistence.PersistenceServiceCollectionExtensions.WithServiceDefaults(ConnectionString));

    /// <summary>A data source on this database with GemScheduling's schema applied.</summary>
    public async Task<NpgsqlDataSource> CreateMigratedDataSourceAsync()
    {
        var dataSource = CreateDataSource();
        await new GemScheduling.Persistence.Database.SchemaMigrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<GemScheduling.Persistence.Database.SchemaMigrator>.Instance).MigrateAsync();
        return dataSource;
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var source = CreateDataSource();
        await using var command = source.CreateCommand(sql);
        foreach (var (parameterName, value) in parameters)
            command.Parameters.AddWithValue(parameterName, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(pooled);
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        // A plain DROP lets PostgreSQL stop autovacuum itself; FORCE (for leftover sessions) may not, for a non-superuser.
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{Name}\"", $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)" })
        {
            try
            {
                await using var drop = new NpgsqlCommand(sql, admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex)
            {
                Console.Error.WriteLine($"Dropping test database {Name}: {ex.MessageText}");
                await Task.Delay(500);
            }
        }
    }
}

/// <summary>A fresh database with GemScheduling's schema, and a data source on it with the service's own connection defaults.</summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private MigratedDatabase(TestDatabase database, NpgsqlDataSource dataSource) => (_database, DataSource) = (database, dataSource);

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>Null when no PostgreSQL is reachable: each test then skips, or fails where PostgreSQL is required.</summary>
    public static async Task<MigratedDatabase?> CreateIfAvailableAsync(string purpose)
    {
        if (!await PostgresServer.IsAvailableAsync())
            return null;
        var database = await PostgresServer.CreateDatabaseAsync(purpose);
        return new MigratedDatabase(database, await database.CreateMigratedDataSourceAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
