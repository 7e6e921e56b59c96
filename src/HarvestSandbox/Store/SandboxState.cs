using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using GemScheduling.HarvestSandbox.OAuth;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// The in-process admin API: every organization, its data, keys, rate limits and faults. Thread-safe.
/// The same operations are served over HTTP under <c>/_admin</c>.
/// </summary>
public sealed class SandboxState
{
    private readonly Lock _gate = new();
    private readonly List<SandboxOrganization> _organizations = [];
    private readonly ConcurrentDictionary<string, ApiKeyEntry> _keys = new(StringComparer.Ordinal);
    private readonly int _callLogCapacity;
    private int _nextOrg = 1;

    internal SandboxState(TimeProvider time, DateOnly referenceDate, int callLogCapacity = 50_000)
    {
        Time = time;
        ReferenceDate = referenceDate;
        _callLogCapacity = callLogCapacity;
    }

    public TimeProvider Time { get; }

    /// <summary>Default reference date for generated data.</summary>
    public DateOnly ReferenceDate { get; }

    public SandboxOrganization? DemoOrganization { get; internal set; }

    /// <summary>The demo org's full-permission key, when there is a demo org.</summary>
    public string? DemoApiKey { get; internal set; }

    /// <summary>The demo org's all-scope Harvest v3 client, when <see cref="SandboxOptions.DemoV3Credentials"/> is set.</summary>
    public SandboxV3Credentials? DemoV3Credentials { get; internal set; }

    /// <summary>The v3 OAuth authority: clients of every org, issued tokens, cursor signing.</summary>
    internal V3Auth V3Auth { get; } = new();

    public IReadOnlyList<SandboxOrganization> Organizations
    {
        get
        {
            lock (_gate)
            {
                return _organizations.ToArray();
            }
        }
    }

    /// <summary>Creates an organization and generates its data (a Large org takes a few seconds).</summary>
    public SandboxOrganization CreateOrganization(OrganizationOptions? options = null)
    {
        options ??= new OrganizationOptions();
        string id;
        lock (_gate)
        {
            id = $"org_{_nextOrg++}";
        }

        var organization = new SandboxOrganization(this, id, options, options.ReferenceDate ?? ReferenceDate, _callLogCapacity);
        lock (_gate)
        {
            _organizations.Add(organization);
        }

        return organization;
    }

    public SandboxOrganization GetOrganization(string organizationId) =>
        TryGetOrganization(organizationId, out var organization)
            ? organization
            : throw new SandboxNotFoundException($"Organization '{organizationId}' not found.");

    public bool TryGetOrganization(string organizationId, [NotNullWhen(true)] out SandboxOrganization? organization)
    {
        lock (_gate)
        {
            organization = _organizations.FirstOrDefault(o => o.Id == organizationId);
            return organization is not null;
        }
    }

    /// <summary>The organization a key string belongs to (revoked keys included), if any.</summary>
    public SandboxOrganization? FindOrganizationByApiKey(string key) => FindKey(key)?.Organization;

    /// <summary>The organization a v3 client id belongs to (revoked clients included), if any.</summary>
    public SandboxOrganization? FindOrganizationByV3ClientId(string clientId) => V3Auth.FindClient(clientId)?.Organization;

    internal ApiKeyEntry? FindKey(string key) => _keys.GetValueOrDefault(key);

    internal void RegisterKey(ApiKeyEntry entry)
    {
        if (!_keys.TryAdd(entry.Key, entry))
        {
            throw new InvalidOperationException("Duplicate API key.");
        }
    }
}
