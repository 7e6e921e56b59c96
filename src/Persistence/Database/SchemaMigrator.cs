using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemScheduling.Persistence.Database;

/// <summary>
/// Applies the embedded migrations in order. A session-level advisory lock serializes replicas that start together;
/// each migration runs in its own transaction and is recorded with its checksum, so a second run is a no-op and an
/// edited migration is refused instead of silently diverging. <paramref name="migrations"/> (all of them unless given)
/// lets a test stop at an older schema to prove an upgrade from it.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger, IReadOnlyList<Migration>? migrations = null)
{
    private readonly IReadOnlyList<Migration> _migrations = migrations ?? Migration.All;

    // "GemSched" as a 64-bit advisory lock key; any replica of any version uses the same one.
    private const long AdvisoryLockKey = 0x47656D5363686564;

    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var newlyApplied = new List<Migration>();
            foreach (var migration in _migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                        throw new InvalidOperationException(
                            $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied. Add a new migration instead.");
                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken);
                newlyApplied.Add(migration);
                logger.LogInformation("Applied migration {Version:D4}_{Name}", migration.Version, migration.Name);
            }

            return new MigrationReport(_migrations.Count, newlyApplied.Select(m => $"{m.Version:D4}_{m.Name}").ToList());
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 })
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        // No timeout: a replica waits out another's migration on the lock, however long the migration takes.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed record MigrationReport(int Known, IReadOnlyList<string> Applied);
