using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using GemScheduling.HarvestSandbox.OAuth;
using GemScheduling.HarvestSandbox.RateLimiting;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Harvest v3: OAuth clients (Client Credentials), issued tokens, v3 settings and quirks.
public sealed partial class SandboxOrganization
{
    /// <summary>Name of the user a token acts as when the token request has no <c>sub</c> (docs/HARVEST-CONTRACT.md §11).</summary>
    public const string IntegrationServiceUserName = "Integration Service User";

    private readonly Lock _v3Gate = new();
    private readonly List<V3CredentialEntry> _v3Credentials = [];
    private readonly Queue<V3TokenEntry> _v3Tokens = new();
    private readonly int _v3TokenLogCapacity;
    private volatile HarvestV3Options _v3Options;
    private int _nextV3Client = 1;
    private long? _integrationServiceUserId;

    /// <summary>Current v3 settings and quirk switches; assign a changed copy (<c>org.V3Options = org.V3Options with { ... }</c>).</summary>
    public HarvestV3Options V3Options
    {
        get => _v3Options;
        set => _v3Options = ValidateV3Options(value);
    }

    /// <summary>The auto-created "Integration Service User" (made with the org's first v3 client), or null.</summary>
    public long? IntegrationServiceUserId
    {
        get
        {
            lock (_v3Gate)
            {
                return _integrationServiceUserId;
            }
        }
    }

    /// <summary>Per-client-id 30-second windows of the v3 API (docs/HARVEST-CONTRACT.md §4).</summary>
    internal RateLimiter V3RateLimiter { get; } = new(TimeSpan.FromSeconds(30));

    /// <summary>Per-client-id 60-second windows of the token endpoint (docs/HARVEST-CONTRACT.md §4).</summary>
    internal RateLimiter V3TokenRateLimiter { get; } = new(TimeSpan.FromSeconds(60));

    /// <summary>Sets the v3 limit per 30 s per client id (null or 0 = off), keeping the other v3 settings.</summary>
    public void SetV3RateLimit(int? limit) => V3Options = V3Options with { RateLimit = limit is > 0 ? limit : null };

    /// <summary>
    /// Creates a Harvest v3 OAuth client with the given scopes (default: all of <see cref="HarvestV3Scopes.All"/>).
    /// The org's first client also creates its "Integration Service User" (a Site Admin service account), the user
    /// tokens requested without <c>sub</c> act as. Client ids and secrets derive from the org's seed.
    /// </summary>
    public SandboxV3Credentials CreateV3Credentials(IEnumerable<string>? scopes = null, string? description = null)
    {
        var granted = (scopes ?? HarvestV3Scopes.AllIds).ToArray();
        foreach (var scope in granted)
        {
            _ = HarvestV3Scopes.Get(scope);
        }

        var now = Now();
        V3CredentialEntry entry;
        lock (_v3Gate)
        {
            _integrationServiceUserId ??= CreateIntegrationServiceUser(now);
            var number = _nextV3Client++;
            entry = new V3CredentialEntry
            {
                ClientId = $"{Id}_client_{number}",
                Organization = this,
                Description = description,
                Scopes = granted.ToFrozenSet(StringComparer.Ordinal),
                CreatedAt = now,
            };
            entry.Secrets.Add(new V3Secret(DeriveSecret(entry.ClientId, 0), now, null));
            _state.V3Auth.RegisterClient(entry);
            _v3Credentials.Add(entry);
        }

        return entry.Snapshot(now);
    }

    /// <summary>Revokes a v3 client: its secrets stop working and every token it was issued is refused (401).</summary>
    public bool RevokeV3Credentials(string clientId)
    {
        var entry = FindV3Client(clientId);
        if (entry is null)
        {
            return false;
        }

        lock (entry.Gate)
        {
            entry.RevokedAt ??= Now();
        }

        return true;
    }

    /// <summary>
    /// Gives a v3 client a new secret. The old one keeps working for <paramref name="grace"/> (default
    /// <see cref="HarvestV3Options.SecretRotationGrace"/>, 7 days, docs/HARVEST-CONTRACT.md §11). Issued tokens stay valid.
    /// </summary>
    public SandboxV3Credentials RotateV3Secret(string clientId, TimeSpan? grace = null)
    {
        var entry = FindV3Client(clientId) ?? throw new SandboxNotFoundException($"v3 client '{clientId}' not found.");
        var period = grace ?? V3Options.SecretRotationGrace;
        if (period < TimeSpan.Zero)
        {
            throw new ArgumentException("The grace period must not be negative.", nameof(grace));
        }

        var now = Now();
        lock (entry.Gate)
        {
            if (entry.RevokedAt is not null)
            {
                throw new InvalidOperationException($"v3 client '{clientId}' is revoked.");
            }

            var current = entry.Secrets[^1];
            entry.Secrets[^1] = current with { ValidUntil = now + period };
            entry.Rotations++;
            entry.Secrets.Add(new V3Secret(DeriveSecret(entry.ClientId, entry.Rotations), now, null));
        }

        return entry.Snapshot(now);
    }

    public IReadOnlyList<SandboxV3Credentials> V3Credentials()
    {
        var now = Now();
        lock (_v3Gate)
        {
            return _v3Credentials.Select(c => c.Snapshot(now)).ToArray();
        }
    }

    /// <summary>Every access token issued to this org's clients, oldest first (bounded by SandboxOptions.CallLogCapacity).</summary>
    public IReadOnlyList<SandboxV3Token> V3Tokens()
    {
        lock (_v3Gate)
        {
            return _v3Tokens.Select(t => t.Snapshot()).ToArray();
        }
    }

    /// <summary>Revokes one access token (later requests with it get 401).</summary>
    public bool RevokeV3Token(string tokenId)
    {
        var token = _state.V3Auth.FindToken(tokenId);
        if (token is null || token.Organization != this)
        {
            return false;
        }

        lock (_v3Gate)
        {
            token.RevokedAt ??= Now();
        }

        return true;
    }

    internal V3CredentialEntry? FindV3Client(string clientId) =>
        _state.V3Auth.FindClient(clientId) is { } entry && entry.Organization == this ? entry : null;

    /// <summary>Mints and records a token (called by the token endpoint after every check passed).</summary>
    internal V3TokenEntry IssueV3Token(V3CredentialEntry credential, long sub, DateTimeOffset now)
    {
        var token = _state.V3Auth.Mint(credential, sub, now, V3Options.TokenLifetime);
        lock (_v3Gate)
        {
            if (_v3Tokens.Count >= _v3TokenLogCapacity)
            {
                _v3Tokens.Dequeue();
            }

            _v3Tokens.Enqueue(token);
        }

        return token;
    }

    internal bool IsV3TokenRevoked(V3TokenEntry token)
    {
        lock (_v3Gate)
        {
            return token.RevokedAt is not null;
        }
    }

    private long CreateIntegrationServiceUser(DateTimeOffset now)
    {
        lock (Data.Gate)
        {
            var email = $"integration.service.user@{Data.EmailDomain}";
            for (var n = 2; Data.FindUserByEmail(email) is not null; n++)
            {
                email = $"integration.service.user{n}@{Data.EmailDomain}";
            }

            var user = new User
            {
                Id = Data.Ids.Users.Next(),
                FirstName = "Integration Service",
                LastName = "User",
                Emails = [email],
                SiteAdmin = true,
                CanManageApplications = true,
                ServiceAccount = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Data.AddUser(user);
            return user.Id;
        }
    }

    private string DeriveSecret(string clientId, int rotation)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"harvest-sandbox-v3-secret:{Seed}:{clientId}:{rotation}"));
        return Convert.ToHexStringLower(hash)[..40];
    }

    private static HarvestV3Options ValidateV3Options(HarvestV3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("TokenLifetime must be positive.");
        }

        if (options.SecretRotationGrace < TimeSpan.Zero)
        {
            throw new ArgumentException("SecretRotationGrace must not be negative.");
        }

        return options with
        {
            RateLimit = options.RateLimit is > 0 ? options.RateLimit : null,
            TokenRateLimit = options.TokenRateLimit is > 0 ? options.TokenRateLimit : null,
        };
    }
}
