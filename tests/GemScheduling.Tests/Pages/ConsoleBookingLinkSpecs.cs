using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.SelfScheduling;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>A coordinator offers self-scheduling from the console, and the link it gives opens the candidate's booking page.</summary>
public sealed class ConsoleBookingLinkSpecs(ConsoleApplicationsSpecs.PagesApi api, Browser browser)
    : IClassFixture<ConsoleApplicationsSpecs.PagesApi>, IClassFixture<Browser>
{
    [SkippableFact]
    public async Task Given_an_application_with_interviews_left_when_the_coordinator_creates_a_booking_link_then_the_candidate_can_book_through_it()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextSuggestibleTarget();
        var token = await api.RoleTokenAsync("coordinator");
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/console/applications/{target.ApplicationId}");
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create a booking link" }).ClickAsync();

        var url = await page.Locator("#booking-url").InputValueAsync();
        Assert.Contains("/book/", url);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await using var candidateContext = await browser.ContextAsync(api.BaseUrl);
        var candidate = await candidateContext.NewPageAsync();
        await candidate.GotoAsync(new Uri(url).PathAndQuery);
        await Expect(candidate.Locator("h1")).ToHaveTextAsync("Pick a time for your interview");
        var first = candidate.Locator("input[name=start]").First;
        await candidate.Locator($"label[for='{await first.GetAttributeAsync("id")}']").ClickAsync();
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();
        await Expect(candidate.Locator("h1")).ToHaveTextAsync("Your interview is booked");

        await page.GotoAsync($"/console/applications/{target.ApplicationId}");
        await Expect(page.Locator("#schedules li")).ToHaveCountAsync(1);
    }
}
