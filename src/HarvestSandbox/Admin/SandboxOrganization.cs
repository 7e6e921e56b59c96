using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using GemScheduling.HarvestSandbox.Faults;
using GemScheduling.HarvestSandbox.Generation;
using GemScheduling.HarvestSandbox.Observability;
using GemScheduling.HarvestSandbox.RateLimiting;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// One Greenhouse organization in the sandbox: its data, API keys, rate limit, quirks and faults, plus the
/// operations a Greenhouse user would perform in the UI. Every operation is atomic and thread-safe.
/// </summary>
public sealed partial class SandboxOrganization
{
    private readonly SandboxState _state;
    private readonly Lock _keysGate = new();
    private readonly List<ApiKeyEntry> _keys = [];
    private int _nextKey = 1;
    private volatile RateLimitSettings _rateLimit;

    internal SandboxOrganization(SandboxState state, string id, OrganizationOptions options, DateOnly referenceDate, int callLogCapacity)
    {
        _state = state;
        Id = id;
        Seed = options.Seed;
        Scale = options.Scale;
        ReferenceDate = referenceDate;
        Data = DataGenerator.Generate(options.Seed, options.Scale, referenceDate);
        Name = options.Name ?? Data.CompanyName;
        _rateLimit = new RateLimitSettings(options.RateLimit is > 0 ? options.RateLimit : null, options.RateLimitStyle);
        RepeatedLinkParams = options.RepeatedLinkParams;
        Faults = new FaultEngine(options.Seed, state.Time);
        Calls = new CallLog(callLogCapacity);
        _v3Options = ValidateV3Options(options.V3 ?? new HarvestV3Options());
        _v3TokenLogCapacity = Math.Max(1, callLogCapacity);
    }

    public string Id { get; }

    public string Name { get; }

    public int Seed { get; }

    public DataScale Scale { get; }

    public DateOnly ReferenceDate { get; }

    /// <summary>Requests per 10-second window per key, or null when rate limiting is off.</summary>
    public int? RateLimit => _rateLimit.Limit;

    public RateLimitStyle RateLimitStyle => _rateLimit.Style;

    /// <summary>Quirk: Link URLs repeat query parameters; the last occurrence is the effective one.</summary>
    public bool RepeatedLinkParams { get; set; }

    internal OrgData Data { get; }

    internal RateLimiter RateLimiter { get; } = new();

    internal FaultEngine Faults { get; }

    internal CallLog Calls { get; }

    internal TimeProvider Time => _state.Time;

    internal RateLimitSettings RateLimitSettings => _rateLimit;

    /// <summary>Sets the per-key limit per 10 s (null or 0 = off) and, optionally, the 429 style.</summary>
    public void SetRateLimit(int? limit, RateLimitStyle? style = null) =>
        _rateLimit = new RateLimitSettings(limit is > 0 ? limit : null, style ?? _rateLimit.Style);

    public OrganizationInfo Info() =>
        new(Id, Name, Seed, Scale.Name, ReferenceDate, RateLimit, RateLimitStyle, RepeatedLinkParams, Summary());

    public DataSummary Summary()
    {
        lock (Data.Gate)
        {
            var d = Data;
            return new DataSummary(d.Offices.Count, d.Departments.Count, d.Users.Count, d.Jobs.Count, d.JobPosts.Count,
                d.JobStages.Count, d.InterviewSteps.Count, d.Candidates.Count, d.Applications.Count,
                d.ScheduledInterviews.Count, d.Notes.Count, d.Emails.Count, d.Activities.Count);
        }
    }

    /// <summary>
    /// Creates a Harvest API key for this organization with the given permission ids (default: all 19).
    /// Key strings are derived from the org's seed, id and key number, so a seeded run gets the same keys.
    /// </summary>
    public SandboxApiKey CreateApiKey(IEnumerable<string>? permissions = null, string? description = null)
    {
        var granted = (permissions ?? HarvestPermissions.AllIds).ToArray();
        foreach (var p in granted)
        {
            _ = HarvestPermissions.Get(p);
        }

        ApiKeyEntry entry;
        lock (_keysGate)
        {
            var number = _nextKey++;
            entry = new ApiKeyEntry
            {
                Id = $"{Id}_key_{number}",
                Key = DeriveKey(Seed, Id, number),
                Organization = this,
                Description = description,
                Permissions = granted.ToFrozenSet(StringComparer.Ordinal),
                CreatedAt = Now(),
            };
            _state.RegisterKey(entry);
            _keys.Add(entry);
        }

        return entry.Snapshot();
    }

    /// <summary>Revokes a key, by key id or key string. Returns false when the org has no such key.</summary>
    public bool RevokeApiKey(string keyIdOrKey)
    {
        lock (_keysGate)
        {
            var entry = _keys.FirstOrDefault(k => k.Id == keyIdOrKey || k.Key == keyIdOrKey);
            if (entry is null)
            {
                return false;
            }

            entry.RevokedAt ??= Now();
            return true;
        }
    }

    public IReadOnlyList<SandboxApiKey> ApiKeys()
    {
        lock (_keysGate)
        {
            return _keys.Select(k => k.Snapshot()).ToArray();
        }
    }

    /// <summary>SHA-256 over a canonical form of all the org's Greenhouse data (not keys, call log or counters).</summary>
    public string Fingerprint()
    {
        lock (Data.Gate)
        {
            return Data.Fingerprint();
        }
    }

    internal DateTimeOffset Now() => TruncateToMilliseconds(_state.Time.GetUtcNow());

    internal static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string DeriveKey(int seed, string orgId, int number)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"harvest-sandbox-key:{seed}:{orgId}:{number}"));
        return Convert.ToHexStringLower(hash)[..32];
    }
}

internal sealed record RateLimitSettings(int? Limit, RateLimitStyle Style);
