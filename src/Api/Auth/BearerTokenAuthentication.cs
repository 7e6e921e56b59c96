using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Orgs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GemScheduling.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: either the bootstrap admin token from configuration, or an org's API token,
/// checked by that org's grain on every request so a revocation takes effect at once.
/// </summary>
internal sealed class BearerTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenAuthenticator tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Use Authorization: Bearer <token>.");
        var (principal, failure) = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return principal is null ? AuthenticateResult.Fail(failure!) : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>Who a token is: the operator's admin token, or a live org token with its role. Shared by bearer requests and page sign-in.</summary>
internal sealed class TokenAuthenticator(
    IGrainFactory grains, AdminToken admin, KnownOrgs orgs, ITokenUsage usage, TimeProvider time, Hosting.FailoverRetryOptions failover,
    ILogger<TokenAuthenticator> logger)
{
    public async Task<(ClaimsPrincipal? Principal, string? Failure)> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (admin.Matches(token))
            return (Principals.Admin(), null);
        // Malformed, or naming an org that does not exist: refused without asking any grain.
        if (!ApiTokens.TryParse(token, out var orgId, out var tokenId, out var secret) || !await orgs.ExistsAsync(orgId))
            return (null, "The token is not valid.");
        // A read: repeated while the org's grain is on a silo that has just died, as for any read (Hosting.SiloFailover).
        var org = grains.Grain<IOrgGrain>(orgId);
        if (await Hosting.SiloFailover.RepeatAsync(() => org.Authenticate(tokenId, secret), failover, logger, "the token check", cancellationToken) is not { } grant)
            return (null, "The token is not valid, was revoked or has expired.");
        usage.Record(orgId, tokenId, time.GetUtcNow());
        return (Principals.OrgToken(orgId, tokenId, grant), null);
    }
}

/// <summary>The bootstrap admin token (<c>Admin:Token</c>); generated and printed for the embedded default when unset.</summary>
public sealed class AdminToken
{
    public const int MinimumLength = 24;

    private readonly byte[]? _hash;

    public AdminToken(string? token, bool generated)
    {
        Value = token;
        Generated = generated;
        _hash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public string? Value { get; }

    /// <summary>A short digest of the token, kept in a session so that sessions end when the operator changes the token.</summary>
    public string? Fingerprint => _hash is null ? null : Convert.ToHexString(_hash)[..16];
    public bool Generated { get; }

    public bool Matches(string candidate) =>
        _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    public static AdminToken From(IConfiguration configuration, bool embedded)
    {
        var configured = configuration["Admin:Token"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (configured.Length < MinimumLength)
                throw new InvalidOperationException($"Admin:Token must be at least {MinimumLength} characters.");
            return new AdminToken(configured.Trim(), generated: false);
        }

        return embedded ? new AdminToken("gsadmin." + ApiTokens.RandomSecret(), generated: true) : new AdminToken(null, generated: false);
    }
}

public static class Principals
{
    public const string OrgClaim = "gs:org";
    public const string TokenClaim = "gs:token";
    public const string TokenRoleClaim = "gs:token-role";
    public const string TokenExpiresClaim = "gs:token-expires";

    /// <summary>The operator's bootstrap token (creates orgs, reaches every org); not an org token's admin role.</summary>
    public const string AdminRole = "admin";

    public static ClaimsPrincipal Admin() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminRole)], BearerTokenAuthentication.SchemeName));

    public static ClaimsPrincipal OrgToken(string orgId, string tokenId, TokenGrant grant)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.Name, $"token:{tokenId}"), new(OrgClaim, orgId), new(TokenClaim, tokenId), new(TokenRoleClaim, grant.Role.ToString()),
        ];
        if (grant.ExpiresAt is { } expires)
            claims.Add(new Claim(TokenExpiresClaim, expires.ToString("O"), ClaimValueTypes.DateTime));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, BearerTokenAuthentication.SchemeName));
    }

    /// <summary>The org token's rights; null for the operator's admin token, which has them all.</summary>
    public static TokenGrant? Grant(this ClaimsPrincipal user) =>
        Enum.TryParse<TokenRole>(user.FindFirstValue(TokenRoleClaim), out var role)
            ? new TokenGrant(role, DateTimeOffset.TryParse(user.FindFirstValue(TokenExpiresClaim), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.RoundtripKind, out var expires) ? expires : null)
            : null;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(AdminRole);

    public static string? OrgId(this ClaimsPrincipal user) => user.FindFirstValue(OrgClaim);

    /// <summary>Who did it, as recorded in event history.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
