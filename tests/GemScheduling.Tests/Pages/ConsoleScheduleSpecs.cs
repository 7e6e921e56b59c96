using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// A schedule's console page in a real browser, on a phone-sized screen: reached from the overview's attention list,
/// it shows the write that failed for good, retries it, and follows it to synced without a reload.
/// </summary>
public sealed class ConsoleScheduleSpecs(ConsoleSpecs.ImpatientPagesApi api, Browser browser) : IClassFixture<ConsoleSpecs.ImpatientPagesApi>, IClassFixture<Browser>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record MutationSeen(string Kind, string Status, string? LastError);

    private sealed record ScheduleSeen(string Id, string WriteBack, IReadOnlyList<MutationSeen> Mutations);

    private async Task<IPage> SignedInAsync(IBrowserContext context, string returnTo)
    {
        var token = await api.RoleTokenAsync("coordinator");
        var page = await context.NewPageAsync();
        await page.GotoAsync(returnTo);
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    [SkippableFact]
    public async Task Given_a_failed_write_back_when_the_coordinator_opens_the_schedule_from_the_overview_and_retries_then_it_turns_synced_live()
    {
        browser.SkipUnlessAvailable();
        var target = api.Greenhouse.FindSchedulingTarget(9)!;
        var outage = api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.Error500, Endpoint = api.Endpoint("candidates.add_note") });
        var scheduleId = await api.ScheduleOneAsync(target);
        await api.SettledAsync(scheduleId);
        var failed = (await api.Client.GetFromJsonAsync<ScheduleSeen>(api.Path($"schedules/{scheduleId}"), Json))!;
        Assert.Equal("failed", failed.WriteBack);
        var note = Assert.Single(failed.Mutations, m => m.Status == "failed");
        await using var context = await browser.ContextAsync(api.Api.ClientWith(null).BaseAddress!.ToString(), width: 390, height: 844);
        var page = await SignedInAsync(context, "/console");

        await page.Locator($"#attention-{scheduleId}").GetByRole(AriaRole.Link, new() { Name = scheduleId }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/console/schedules/{scheduleId}$"));
        await Expect(page.Locator("#schedule-write-back")).ToHaveTextAsync("failed");
        await Expect(page.Locator("#retry")).ToBeVisibleAsync();
        await Expect(page.Locator("tr[id^=write-]").Filter(new() { HasText = note.Kind })).ToContainTextAsync("failed");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "console-schedule-failed-phone");

        api.Greenhouse.RemoveFault(outage.Id!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry failed write-backs" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/console/schedules/{scheduleId}\\?retried=1$"));
        await Expect(page.Locator(".status")).ToContainTextAsync("Retrying the failed write-backs");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await Expect(page.Locator("#schedule-write-back")).ToHaveTextAsync("synced", new() { Timeout = 20_000 });
        await Expect(page.Locator("#retry")).ToHaveCountAsync(0);
        Assert.Equal(0, navigations);
        Assert.Equal("synced", (await api.Client.GetFromJsonAsync<ScheduleSeen>(api.Path($"schedules/{scheduleId}"), Json))!.WriteBack);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
    }

    [SkippableFact]
    public async Task Given_an_unknown_schedule_or_application_then_the_console_answers_a_404_page_with_its_navigation()
    {
        browser.SkipUnlessAvailable();
        await using var context = await browser.ContextAsync(api.Api.ClientWith(null).BaseAddress!.ToString());
        var page = await SignedInAsync(context, "/console");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");

        foreach (var (path, title) in new[] { ("/console/schedules/sch_doesnotexist", "No such schedule"), ("/console/schedules/not-a-schedule", "No such schedule"), ("/console/applications/1", "No such application") })
        {
            var response = await page.GotoAsync(path);

            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync(title);
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync();
            Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        }
    }
}
