namespace GemScheduling.Persistence.Orgs;

/// <summary>Which org ids exist: a cheap check before a token's org grain is asked anything.</summary>
public interface IOrgDirectory
{
    Task AddAsync(string orgId, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string orgId, CancellationToken cancellationToken = default);
}

/// <summary>
/// When each API token was last used. Recording is in memory and coalesced; the store writes it out in the
/// background, so authenticating a request writes nothing on its path.
/// </summary>
public interface ITokenUsage
{
    void Record(string orgId, string tokenId, DateTimeOffset at);

    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastUsedAsync(string orgId, CancellationToken cancellationToken = default);
}

public sealed class InMemoryOrgDirectory : IOrgDirectory, ITokenUsage
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _orgs = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Org, string Token), DateTimeOffset> _used = new();

    public Task AddAsync(string orgId, CancellationToken cancellationToken = default)
    {
        _orgs[orgId] = true;
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string orgId, CancellationToken cancellationToken = default) => Task.FromResult(_orgs.ContainsKey(orgId));

    public void Record(string orgId, string tokenId, DateTimeOffset at) =>
        _used.AddOrUpdate((orgId, tokenId), at, (_, before) => before > at ? before : at);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastUsedAsync(string orgId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(_used.Where(u => u.Key.Org == orgId).ToDictionary(u => u.Key.Token, u => u.Value));
}
