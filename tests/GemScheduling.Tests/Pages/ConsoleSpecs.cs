using System.Text.RegularExpressions;
using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// The coordinator console in a real browser: a coordinator signs in with an org token, sees a write-back that failed
/// for good, retries it once Greenhouse is back, and watches it leave the attention list without reloading.
/// </summary>
public sealed class ConsoleSpecs(ConsoleSpecs.ImpatientPagesApi api, Browser browser) : IClassFixture<ConsoleSpecs.ImpatientPagesApi>, IClassFixture<Browser>
{
    /// <summary>Over a real socket, and giving up on a write after two quick tries, so "failed for good" takes a second.</summary>
    public sealed class ImpatientPagesApi : ConnectedApi
    {
        protected override bool OverKestrel => true;

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton(new ScheduleOptions { MaxTries = 2, BaseBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) });
    }

    [SkippableFact]
    public async Task Given_a_failed_write_back_when_the_coordinator_retries_it_from_the_console_then_it_leaves_the_attention_list_live()
    {
        browser.SkipUnlessAvailable();
        var target = api.Greenhouse.FindSchedulingTarget(5)!;
        var outage = api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.Error500, Endpoint = api.Endpoint("candidates.add_note") });
        var scheduleId = await api.ScheduleOneAsync(target);
        Assert.Equal("failed", (await api.SettledAsync(scheduleId)).GetProperty("writeBack").GetString());
        var (_, token) = await api.Api.ClientWith().IssueTokenAsync(api.OrgId, "coordinator");
        await using var context = await browser.ContextAsync(api.Api.ClientWith(null).BaseAddress!.ToString());
        var page = await context.NewPageAsync();

        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fconsole$"));
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        var row = page.Locator($"#attention-{scheduleId}");
        await Expect(row).ToContainTextAsync("failed");
        await Expect(page.Locator("#sync-progress")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-state", "live");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "console-overview");

        api.Greenhouse.RemoveFault(outage.Id!);
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".status")).ToContainTextAsync($"Retrying the failed write-backs of {scheduleId}");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(page.Locator("#attention-empty")).ToBeVisibleAsync();
        Assert.Equal(0, navigations); // it left the list through the live stream, not a reload
        Assert.Equal("synced", (await api.SettledAsync(scheduleId)).GetProperty("writeBack").GetString());
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
    }
}
