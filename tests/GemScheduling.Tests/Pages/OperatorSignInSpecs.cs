using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// Signing in to the pages with a token in a real browser: the operator's admin token opens the Orleans Dashboard, an
/// org token does not, a revoked token ends its session, and the session cookie never opens the JSON API.
/// </summary>
public sealed class OperatorSignInSpecs(CandidatePagesApi api, Browser browser) : IClassFixture<CandidatePagesApi>, IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Given_no_session_when_the_dashboard_is_opened_then_sign_in_is_asked_a_wrong_token_is_refused_and_the_admin_token_opens_it()
    {
        browser.SkipUnlessAvailable();
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/operator/dashboard");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Foperator%2Fdashboard$"));
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await page.GetByLabel("API token").FillAsync("gs_not_a_real_token");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Url.Contains("/sign-in"));
        Assert.Equal(401, refused.Status);
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("not valid");
        await Expect(page.GetByLabel("API token")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        await page.GetByLabel("API token").FillAsync(ApiFactory.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/operator/dashboard"));
        await Expect(page.GetByText(new Regex("^active silos$", RegexOptions.IgnoreCase))).ToBeVisibleAsync(); // the dashboard's own data calls are let through
        var dashboard = await context.APIRequest.GetAsync("/operator/dashboard");
        Assert.Equal(200, dashboard.Status);
        var session = (await context.CookiesAsync()).Single(c => c.Name == "gs-session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        var api401 = await context.APIRequest.GetAsync($"/api/v1/orgs/{api.OrgId}/sync");
        Assert.Equal(401, api401.Status); // the cookie is not a credential for the JSON API
    }

    [SkippableFact]
    public async Task Given_an_org_token_session_then_the_dashboard_is_refused_with_403_and_revoking_the_token_ends_the_session()
    {
        browser.SkipUnlessAvailable();
        var (tokenId, token) = await api.Api.ClientWith().IssueTokenAsync(api.OrgId, "console");
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview"); // an org session lands in the console
        await page.GotoAsync("/operator");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Signed in to org {api.OrgId}");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));

        var dashboard = await page.GotoAsync("/operator/dashboard");

        Assert.Equal(403, dashboard!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your token cannot open that page");
        (await api.Api.ClientWith().DeleteAsync($"/api/v1/orgs/{api.OrgId}/tokens/{tokenId}")).EnsureSuccessStatusCode();
        await page.GotoAsync("/operator");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Foperator$"));
    }
}
