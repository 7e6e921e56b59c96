using System.Globalization;
using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// The candidate's availability page in a real browser (Debian's Chromium): what the link in the email opens, with and
/// without JavaScript, in the candidate's language and zone, checked by axe, and what it sends is what the API shows.
/// </summary>
public sealed class CandidateAvailabilityPageSpecs(CandidatePagesApi api, Browser browser) : IClassFixture<CandidatePagesApi>, IClassFixture<Browser>
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [SkippableFact]
    public async Task Given_a_German_browser_in_Chicago_when_the_candidate_adds_a_time_and_sends_it_then_the_API_shows_that_window_in_their_zone()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueLinkAsync(target.ApplicationId);
        var expected = await api.ReadLinkAsync(link);
        await using var context = await browser.ContextAsync(api.BaseUrl, locale: "de-DE", timeZone: "America/Chicago");
        var page = await context.NewPageAsync();

        await page.GotoAsync(link.PagePath);
        await Expect(page.Locator("#zone-now")).ToContainTextAsync("America/Chicago"); // detected, not asked
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de-DE");
        await Expect(page.Locator(".brand")).ToHaveTextAsync("Acme Recruiting");
        await Expect(page.Locator(".lede")).ToContainTextAsync(expected.CandidateFirstName!);
        await Expect(page.Locator(".lede")).ToContainTextAsync(expected.JobName!);
        var day = await LastOpenDayAsync(page);
        var german = CultureInfo.GetCultureInfo("de-DE");
        var heading = day.ToString("dddd", german) + ", " + day.ToString(german.DateTimeFormat.MonthDayPattern, german);
        await Expect(page.Locator($"#day-{day:yyyy-MM-dd} legend")).ToHaveTextAsync(heading);

        await page.SelectOptionAsync($"#from-{day:yyyy-MM-dd}", "10:00");
        await page.SelectOptionAsync($"#to-{day:yyyy-MM-dd}", "12:30");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add time on {heading}" }).ClickAsync();
        await Expect(page.Locator(".chosen li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#status")).ToContainTextAsync("Added");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        Assert.Null(await api.CandidateAnswerAsync(target.ApplicationId)); // nothing is sent until the candidate sends it
        await Browser.ScreenshotAsync(page, "candidate-availability");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my availability" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync($"Thank you, {expected.CandidateFirstName}");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "candidate-availability-sent");
        var answer = await api.CandidateAnswerAsync(target.ApplicationId);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Chicago.GetUtcOffset(day.ToDateTime(new TimeOnly(10, 0))));
        Assert.Equal("America/Chicago", answer!.TimeZone);
        Assert.Equal([(start, start.AddMinutes(150))], answer.Windows.Select(w => (w.Start, w.End)));
    }

    [SkippableFact]
    public async Task Given_a_browser_without_JavaScript_when_the_candidate_adds_two_times_removes_one_and_sends_then_only_the_kept_one_is_saved()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueLinkAsync(target.ApplicationId);
        await using var context = await browser.ContextAsync(api.BaseUrl, locale: "en-GB", javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.PagePath);
        var day = await LastOpenDayAsync(page);

        await AddAsync(page, day, "09:00", "11:00");
        await AddAsync(page, day, "14:00", "17:00");
        await Expect(page.Locator(".chosen li")).ToHaveCountAsync(2);
        await page.Locator(".chosen li").First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".chosen li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my availability" }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("Thank you");
        var answer = await api.CandidateAnswerAsync(target.ApplicationId);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero);
        Assert.Equal("UTC", answer!.TimeZone);
        Assert.Equal([(start, start.AddHours(3))], answer.Windows.Select(w => (w.Start, w.End)));
    }

    [SkippableFact]
    public async Task Given_an_end_before_the_start_then_the_page_names_the_field_and_nothing_is_added_or_saved()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueLinkAsync(target.ApplicationId);
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.PagePath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-state", "ready");
        var day = await LastOpenDayAsync(page);

        await AddAsync(page, day, "15:00", "13:00");

        var summary = page.Locator("#error-summary");
        await Expect(summary).ToContainTextAsync("The end time must be after the start time.");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.Locator($"#to-{day:yyyy-MM-dd}")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator($"#to-{day:yyyy-MM-dd}")).ToHaveAttributeAsync("aria-describedby", $"to-{day:yyyy-MM-dd}-error");
        await Expect(page.Locator($"#from-{day:yyyy-MM-dd}")).ToHaveValueAsync("15:00"); // what was typed is kept
        await Expect(page.Locator(".chosen li")).ToHaveCountAsync(0);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my availability" }).ClickAsync();
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("Add at least one time");
        Assert.Null(await api.CandidateAnswerAsync(target.ApplicationId));
    }

    [SkippableFact]
    public async Task Given_a_phone_and_only_a_keyboard_then_the_page_fits_the_screen_and_a_time_can_be_added_and_sent()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueLinkAsync(target.ApplicationId);
        await using var context = await browser.ContextAsync(api.BaseUrl, locale: "en-GB", width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.PagePath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-state", "ready");
        var day = await LastOpenDayAsync(page);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await TabToAsync(page, $"from-{day:yyyy-MM-dd}");
        await page.Keyboard.TypeAsync("09:30");
        await TabToAsync(page, $"to-{day:yyyy-MM-dd}");
        await page.Keyboard.TypeAsync("11:00");
        await TabToAsync(page, null, $"Add time on {await page.Locator($"#day-{day:yyyy-MM-dd} legend").InnerTextAsync()}");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".chosen li")).ToHaveCountAsync(1);
        await TabToAsync(page, null, "Send my availability");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToContainTextAsync("Thank you");
        var answer = await api.CandidateAnswerAsync(target.ApplicationId);
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero), Assert.Single(answer!.Windows).Start);
    }

    [SkippableFact]
    public async Task Given_a_revoked_an_expired_and_a_mangled_link_then_each_opens_a_plain_page_that_says_so_with_410_or_404()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var revoked = await api.IssueLinkAsync(target.ApplicationId);
        var expired = await api.IssueLinkAsync(target.ApplicationId, hours: 0.0003);
        (await api.Client.DeleteAsync(api.Path($"applications/{target.ApplicationId}/availability-links/{revoked.Id}"))).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();

        var answers = new List<(int?, string)>();
        foreach (var path in new[] { revoked.PagePath, expired.PagePath, revoked.PagePath[..^6] + "AAAAAA" })
        {
            var response = await page.GotoAsync(path);
            answers.Add((response?.Status, await page.Locator("h1").InnerTextAsync()));
            Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        }

        Assert.Equal([(410, "This link is no longer active"), (410, "This link has expired"), (404, "This link does not work")], answers);
    }

    [SkippableFact]
    public async Task Given_a_link_sent_before_the_page_existed_when_a_browser_opens_it_then_it_lands_on_the_page_and_API_clients_still_get_JSON()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueLinkAsync(target.ApplicationId);
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link.ApiPath);

        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(link.PagePath) + "$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("When are you free to interview?");
        Assert.NotNull((await api.ReadLinkAsync(link)).CandidateFirstName);
    }

    /// <summary>The week's last open day; the next week's when only the first, partly too soon, day is open in this one.</summary>
    private static async Task<DateOnly> LastOpenDayAsync(IPage page)
    {
        if (await page.Locator(".day:not(.closed) fieldset").CountAsync() < 2)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
            await Expect(page.Locator(".day:not(.closed) fieldset")).Not.ToHaveCountAsync(1);
        }

        var id = await page.Locator(".day:not(.closed) fieldset").Last.GetAttributeAsync("id");
        return DateOnly.ParseExact(id!["day-".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static async Task AddAsync(IPage page, DateOnly day, string from, string to)
    {
        await page.SelectOptionAsync($"#from-{day:yyyy-MM-dd}", from);
        await page.SelectOptionAsync($"#to-{day:yyyy-MM-dd}", to);
        await page.Locator($"#day-{day:yyyy-MM-dd} button").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Presses Tab until the element with this id (or the button with this name) has focus.</summary>
    private static async Task TabToAsync(IPage page, string? id, string? buttonName = null)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => document.activeElement.id + '|' + document.activeElement.textContent.trim()");
            if ((id is not null && focused.StartsWith(id + "|", StringComparison.Ordinal)) || (buttonName is not null && focused.EndsWith("|" + buttonName, StringComparison.Ordinal)))
                return;
        }

        Assert.Fail($"Tab never reached {id ?? buttonName}");
    }
}
