using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemScheduling.Persistence.Orgs;

/// <summary>
/// The org directory and token usage in PostgreSQL. Token uses are gathered in memory and written every 30 s (and on
/// shutdown), at most one row per token per flush, so a burst of requests costs one upsert.
/// </summary>
public sealed class PostgresOrgDirectory : IOrgDirectory, ITokenUsage, IAsyncDisposable
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(30);
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresOrgDirectory> _logger;
    private readonly ConcurrentDictionary<(string Org, string Token), DateTimeOffset> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flusher;

    public PostgresOrgDirectory(NpgsqlDataSource dataSource, ILogger<PostgresOrgDirectory> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _flusher = Task.Run(FlushLoopAsync);
    }

    public async Task AddAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("INSERT INTO orgs (org_id) VALUES (@org) ON CONFLICT (org_id) DO NOTHING");
        command.Parameters.AddWithValue("org", orgId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ExistsAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM orgs WHERE org_id = @org)");
        command.Parameters.AddWithValue("org", orgId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Record(string orgId, string tokenId, DateTimeOffset at) =>
        _pending.AddOrUpdate((orgId, tokenId), at, (_, before) => before > at ? before : at);

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastUsedAsync(string orgId, CancellationToken cancellationToken = default)
    {
        var used = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using (var command = _dataSource.CreateCommand("SELECT token_id, last_used_at FROM api_token_usage WHERE org_id = @org"))
        {
            command.Parameters.AddWithValue("org", orgId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                used[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        foreach (var ((org, token), at) in _pending.Where(p => p.Key.Org == orgId))
            if (!used.TryGetValue(token, out var stored) || stored < at)
                used[token] = at;
        return used;
    }

    private async Task FlushLoopAsync()
    {
        using var timer = new PeriodicTimer(FlushEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
                await FlushAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = _pending.ToArray();
        if (batch.Length == 0)
            return;
        try
        {
            await using var command = _dataSource.CreateCommand("""
                INSERT INTO api_token_usage (org_id, token_id, last_used_at)
                SELECT * FROM unnest(@orgs, @tokens, @ats)
                ON CONFLICT (org_id, token_id) DO UPDATE SET last_used_at = GREATEST(api_token_usage.last_used_at, EXCLUDED.last_used_at)
                """);
            command.Parameters.AddWithValue("orgs", batch.Select(b => b.Key.Org).ToArray());
            command.Parameters.AddWithValue("tokens", batch.Select(b => b.Key.Token).ToArray());
            command.Parameters.AddWithValue("ats", batch.Select(b => b.Value).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            foreach (var (key, at) in batch)
                _pending.TryRemove(KeyValuePair.Create(key, at));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            _logger.LogWarning("Token last-use times could not be written yet ({Error}); they are kept and retried", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _flusher;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await FlushAsync(timeout.Token);
    }
}
