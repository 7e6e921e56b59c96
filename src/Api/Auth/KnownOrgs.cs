using System.Collections.Concurrent;
using GemScheduling.Persistence.Orgs;

namespace GemScheduling.Api.Auth;

/// <summary>
/// Whether a bearer token's org exists, asked before its grain is: known orgs are remembered for good (orgs are never
/// deleted), unknown ones for <see cref="NegativeFor"/>, so a flood of made-up tokens costs neither a grain activation
/// nor a database query each.
/// </summary>
internal sealed class KnownOrgs(IOrgDirectory directory, TimeProvider time)
{
    public static readonly TimeSpan NegativeFor = TimeSpan.FromSeconds(30);
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownUntil = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string orgId)
    {
        if (_known.ContainsKey(orgId))
            return true;
        var now = time.GetUtcNow();
        if (_unknownUntil.TryGetValue(orgId, out var until) && until > now)
            return false;

        var exists = await directory.ExistsAsync(orgId);
        if (exists)
        {
            if (_known.Count < MaxRemembered)
                _known[orgId] = true;
            _unknownUntil.TryRemove(orgId, out _);
        }
        else
        {
            if (_unknownUntil.Count >= MaxRemembered)
                foreach (var expired in _unknownUntil.Where(u => u.Value <= now).Select(u => u.Key).ToList())
                    _unknownUntil.TryRemove(expired, out _);
            if (_unknownUntil.Count < MaxRemembered)
                _unknownUntil[orgId] = now + NegativeFor;
        }

        return exists;
    }
}
