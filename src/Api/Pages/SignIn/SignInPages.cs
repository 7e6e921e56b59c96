using GemScheduling.Api.Auth;
using GemScheduling.Api.Pages.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;

namespace GemScheduling.Api.Pages.SignIn;

/// <summary>Signing in to the pages with a token, signing out, and the operator's Orleans Dashboard behind an admin session.</summary>
internal static class SignInPages
{
    public const string HomePath = "/operator";
    public const string DashboardPath = "/operator/dashboard";

    public static readonly AuthorizationPolicy SignedIn = new AuthorizationPolicyBuilder(Sessions.Scheme).RequireAuthenticatedUser().Build();
    public static readonly AuthorizationPolicy OperatorSignedIn =
        new AuthorizationPolicyBuilder(Sessions.Scheme).RequireAuthenticatedUser().RequireRole(Principals.AdminRole).Build();

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder routes, bool dashboard)
    {
        var pages = routes.MapGroup("").ExcludeFromDescription().AddEndpointFilter<PageHeaders>();
        pages.MapGet(Sessions.SignInPath, Show).AllowAnonymous();
        pages.MapPost(Sessions.SignInPath, SignInAsync).AllowAnonymous().DisableAntiforgery(); // checked below, to answer with the page
        pages.MapGet(Sessions.SignInPath + "/denied", Denied).RequireAuthorization(SignedIn);
        pages.MapGet(HomePath, Home).RequireAuthorization(SignedIn);
        pages.MapPost("/sign-out", SignOutAsync).AllowAnonymous().DisableAntiforgery();
        if (dashboard)
            routes.MapOrleansDashboard(DashboardPath).RequireAuthorization(OperatorSignedIn).ExcludeFromDescription();
        return routes;
    }

    private static RazorComponentResult<SignInPage> Show(string? returnUrl, HttpContext http, IAntiforgery antiforgery) =>
        Page(http, antiforgery, Local(returnUrl), error: null);

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, TokenAuthenticator tokens, AdminToken admin)
    {
        if (!http.Request.HasFormContentType)
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = Local(form["returnUrl"]);
        if (!await antiforgery.IsRequestValidAsync(http))
            return Page(http, antiforgery, returnUrl, "This page was open for a long time. Please paste the token again.");
        var token = form["token"].ToString().Trim();
        var (principal, _) = token.Length is > 0 and <= 512 ? await tokens.AuthenticateAsync(token, http.RequestAborted) : (null, null);
        if (principal is null)
            return Page(http, antiforgery, returnUrl, "That token is not valid, was revoked or has expired.", StatusCodes.Status401Unauthorized);

        await http.SignInAsync(Sessions.Scheme, Sessions.For(principal, admin), new AuthenticationProperties { IsPersistent = false });
        return TypedResults.Redirect(returnUrl ?? (principal.IsAdmin() ? DashboardPath : CoordinatorConsole.ConsolePages.Path));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (http.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(http))
            await http.SignOutAsync(Sessions.Scheme);
        return TypedResults.Redirect(Sessions.SignInPath);
    }

    private static RazorComponentResult<SessionPage> Home(HttpContext http, IAntiforgery antiforgery) => Session(http, antiforgery,
        http.User.IsAdmin() ? "Signed in as the operator" : $"Signed in to org {http.User.OrgId()}",
        http.User.IsAdmin() ? "You can open the cluster's dashboard." : $"Your token's role is {http.User.Grant()?.Role.ToString().ToLowerInvariant()}.",
        http.User.IsAdmin() ? [(DashboardPath, "Orleans Dashboard: silos, grains and reminders")] : [(CoordinatorConsole.ConsolePages.Path, "The console: sync, budget, permissions and write-backs")]);

    private static RazorComponentResult<SessionPage> Denied(HttpContext http, IAntiforgery antiforgery)
    {
        var page = Session(http, antiforgery, "Your token cannot open that page",
            "That page is for the operator. Sign out, then sign in with the admin token.", [(HomePath, "Back to your session")]);
        page.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }

    private static RazorComponentResult<SessionPage> Session(HttpContext http, IAntiforgery antiforgery, string title, string text, IReadOnlyList<(string, string)> links)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new(new { Model = new SessionPageModel(title, text, links, tokens.FormFieldName, tokens.RequestToken!) });
    }

    private static RazorComponentResult<SignInPage> Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new(new { Model = new SignInPageModel(returnUrl ?? "", error, tokens.FormFieldName, tokens.RequestToken!) }) { StatusCode = status };
    }

    /// <summary>Only a path on this service: never another host, so signing in cannot send anyone elsewhere.</summary>
    private static string? Local(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : null;
}
