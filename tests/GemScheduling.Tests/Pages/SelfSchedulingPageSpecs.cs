using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.SelfScheduling;
using Ical.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// Self-scheduling in a real browser (Debian's Chromium), checked by axe: a candidate on a phone books their loop from
/// the link down to Greenhouse's record, two candidates race for one interviewer's time, and a booking is moved and then
/// cancelled from the link in the confirmation email.
/// </summary>
public sealed class SelfSchedulingPageSpecs(CandidatePagesApi api, Browser browser) : IClassFixture<CandidatePagesApi>, IClassFixture<Browser>
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [SkippableFact]
    public async Task Given_a_booking_link_on_a_phone_in_Tokyo_when_the_candidate_books_a_time_then_Greenhouse_holds_it_with_the_note_the_email_and_an_invite()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        await using var context = await browser.ContextAsync(api.BaseUrl, timeZone: "Asia/Tokyo", width: 390, height: 844);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link.PagePath);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-state", "ready");
        await Expect(page.Locator("#tz")).ToHaveValueAsync("Asia/Tokyo"); // detected, not asked
        await Expect(page.Locator("h1")).ToHaveTextAsync("Pick a time for your interview");
        await Expect(page.Locator(".brand")).ToHaveTextAsync("Acme Recruiting");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "candidate-booking");
        var choice = page.Locator("input[name=start]").First;
        var start = DateTimeOffset.Parse(await choice.GetAttributeAsync("value") ?? "");
        await page.Locator($"label[for='{await choice.GetAttributeAsync("id")}']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Your interview is booked");
        await Expect(page.Locator("#notice")).ToContainTextAsync("You're booked");
        var local = TimeZoneInfo.ConvertTime(start, Tokyo);
        await Expect(page.Locator("#booked")).ToContainTextAsync(local.ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await api.SettledAsync(link.Link.ScheduleId);
        var interview = Assert.Single(api.InGreenhouse(link));
        Assert.Equal(start, interview.Start.DateTime);
        Assert.Single(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("Interviews scheduled"));
        Assert.Single(api.Greenhouse.Emails(target.CandidateId), e => e.Body.Contains("GemScheduling ref"));

        await page.ReloadAsync();
        await Browser.ScreenshotAsync(page, "candidate-booked");
        var invite = await page.APIRequest.GetAsync((await page.Locator("#ics").GetAttributeAsync("href"))!);
        var calendar = Calendar.Load(await invite.TextAsync())!;
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(start, new DateTimeOffset(Assert.Single(calendar.Events).DtStart!.AsUtc, TimeSpan.Zero));
    }

    [SkippableFact]
    public async Task Given_two_candidates_looking_at_one_interviewers_time_when_both_pick_it_then_the_second_sees_it_taken_and_picks_another()
    {
        browser.SkipUnlessAvailable();
        var first = api.NextTarget();
        var second = api.NextTarget();
        var interviewer = first.InterviewerUserIds[^1];
        var links = new[] { await api.IssueBookingLinkAsync(first, [interviewer]), await api.IssueBookingLinkAsync(second, [interviewer]) };
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var pages = new[] { await context.NewPageAsync(), await context.NewPageAsync() };
        foreach (var (page, link) in pages.Zip(links))
            await page.GotoAsync(link.PagePath);
        var contested = await pages[0].Locator("input[name=start]").Nth(1).GetAttributeAsync("id");
        Assert.Equal(1, await pages[1].Locator($"#{contested}").CountAsync());

        foreach (var page in pages)
        {
            await page.Locator($"label[for='{contested}']").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();
        }

        await Expect(pages[0].Locator("h1")).ToHaveTextAsync("Your interview is booked");
        await Expect(pages[1].Locator("#error-summary")).ToContainTextAsync("that time was just taken");
        await Expect(pages[1].Locator($"#{contested}")).ToHaveCountAsync(0);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(pages[1]));
        await pages[1].Locator("input[name=start] + label").First.ClickAsync();
        await pages[1].GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();
        await Expect(pages[1].Locator("h1")).ToHaveTextAsync("Your interview is booked");
        foreach (var link in links)
            await api.SettledAsync(link.Link.ScheduleId);
        Assert.Single(api.InGreenhouse(links[0]));
        Assert.Single(api.InGreenhouse(links[1]));
    }

    [SkippableFact]
    public async Task Given_a_booking_when_the_candidate_opens_the_emails_link_and_moves_then_cancels_it_then_Greenhouse_follows_each_change()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextTarget();
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var slots = (await api.OpenAsync(link.ApiPath)).Slots;
        await api.BookAsync(link.ApiPath, slots[0].Start);
        await api.SettledAsync(link.Link.ScheduleId);
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(await api.ManageLinkInEmailAsync(target.ApplicationId)).PathAndQuery);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your interview is booked");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "candidate-manage-booking");
        var later = page.Locator("#reschedule input[name=start]").Last;
        var start = DateTimeOffset.Parse(await later.GetAttributeAsync("value") ?? "");
        await page.Locator($"label[for='{await later.GetAttributeAsync("id")}']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move to this time" }).ClickAsync();

        await Expect(page.Locator("#notice")).ToContainTextAsync("has moved");
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Equal(start, Assert.Single(api.InGreenhouse(link)).Start.DateTime);

        await page.GetByLabel("Reason (optional, shared with the recruiter)").FillAsync("I accepted another offer.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel my interview" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Your interview is cancelled");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Empty(api.InGreenhouse(link));
        Assert.Single(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("I accepted another offer."));
        await page.GotoAsync(link.PagePath);
        await Expect(page.Locator("h1")).ToHaveTextAsync("This link has already been used");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        Assert.Matches(new Regex("^4"), ((int)(await page.APIRequest.GetAsync(link.PagePath)).Status).ToString());
    }
}
