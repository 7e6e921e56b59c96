using System.Security.Claims;
using GemScheduling.Orgs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GemScheduling.Api.Auth;

/// <summary>
/// Browser sessions for the pages people sign in to: a token (the operator's admin token or an org token) is exchanged
/// once for an HTTP-only, SameSite=Strict cookie. The cookie counts only on page paths; the JSON API knows callers by
/// their bearer token alone, so no other site can drive it through a signed-in browser. A session ends when its org
/// token is revoked or expires, when the operator changes the admin token, and after 8 hours.
/// </summary>
internal static class Sessions
{
    public const string Scheme = "Session";
    public const string BearerOrSession = "BearerOrSession";
    public const string SignInPath = "/sign-in";
    private const string AdminKeyClaim = "gs:admin-key";

    /// <summary>Where a session, not a bearer token, says who the caller is.</summary>
    public static readonly string[] Paths = ["/operator", "/console", SignInPath, "/sign-out"];

    public static AuthenticationBuilder AddSessions(this AuthenticationBuilder auth) => auth
        .AddPolicyScheme(BearerOrSession, "A bearer token; on page paths without one, the browser session", o => o.ForwardDefaultSelector = c =>
            c.Request.Headers.Authorization.Count == 0 && Paths.Any(p => c.Request.Path.StartsWithSegments(p)) ? Scheme : BearerTokenAuthentication.SchemeName)
        .AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "gs-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath + "/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = StillValidAsync;
        });

    /// <summary>The session's principal: the token's, plus what lets the session be ended when the admin token changes.</summary>
    public static ClaimsPrincipal For(ClaimsPrincipal tokenPrincipal, AdminToken admin)
    {
        var identity = new ClaimsIdentity(tokenPrincipal.Claims, Scheme);
        if (tokenPrincipal.IsAdmin())
            identity.AddClaim(new Claim(AdminKeyClaim, admin.Fingerprint ?? ""));
        return new ClaimsPrincipal(identity);
    }

    private static async Task StillValidAsync(CookieValidatePrincipalContext context)
    {
        if (!await StillValidAsync(context.Principal!, context.HttpContext.RequestServices))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    /// <summary>
    /// Whether a session still stands: its token not revoked or expired, or for the operator the admin token unchanged.
    /// Checked on every request, and by a long-lived stream while it runs.
    /// </summary>
    public static async Task<bool> StillValidAsync(ClaimsPrincipal user, IServiceProvider services)
    {
        bool valid;
        if (user.IsAdmin())
        {
            valid = user.FindFirstValue(AdminKeyClaim) == services.GetRequiredService<AdminToken>().Fingerprint;
        }
        else
        {
            var tokenId = user.FindFirstValue(Principals.TokenClaim);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var tokens = user.OrgId() is { } orgId ? await services.GetRequiredService<IGrainFactory>().Grain<IOrgGrain>(orgId).ListTokens() : [];
            valid = tokens.FirstOrDefault(t => t.Id == tokenId) is { RevokedAt: null } token && (token.ExpiresAt is null || token.ExpiresAt > now);
        }

        return valid;
    }
}
