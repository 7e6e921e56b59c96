using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// The console's applications in a real browser: a coordinator finds a candidate, opens the application, books one of
/// its suggestions and follows the schedule's Greenhouse write-backs live on its page; a time taken meanwhile shows a
/// message on the application's page rather than an error page.
/// </summary>
public sealed class ConsoleApplicationsSpecs(ConsoleApplicationsSpecs.PagesApi api, Browser browser) : IClassFixture<ConsoleApplicationsSpecs.PagesApi>, IClassFixture<Browser>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Over a real socket (a browser needs one).</summary>
    public sealed class PagesApi : ConnectedApi
    {
        protected override bool OverKestrel => true;

        public string BaseUrl => Api.ClientWith(null).BaseAddress!.ToString();

        private readonly HashSet<long> _taken = [];

        /// <summary>
        /// A target no other test here uses whose current stage has exactly one schedulable step, with default
        /// interviewers, so the console's suggestions (the API's defaults: the steps left in the stage) have something to offer.
        /// </summary>
        public SchedulingTarget NextSuggestibleTarget() => Take(target =>
            Greenhouse.GetJobStages(target.JobId).Single(s => s.Id == target.StageId).Interviews.Where(i => i.Schedulable).ToList()
                is [{ DefaultInterviewerUsers.Count: > 0 }]);

        /// <summary>Any target no other test here uses.</summary>
        public SchedulingTarget NextTarget() => Take(_ => true);

        private SchedulingTarget Take(Func<SchedulingTarget, bool> fits)
        {
            lock (_taken)
            {
                for (var skip = 0; ; skip++)
                {
                    var target = Greenhouse.FindSchedulingTarget(skip) ?? throw new InvalidOperationException("the sandbox has no fitting application left");
                    if (!_taken.Contains(target.ApplicationId) && fits(target))
                    {
                        _taken.Add(target.ApplicationId);
                        return target;
                    }
                }
            }
        }

        /// <summary>The candidate is free 09:00–17:00 UTC on the next three weekdays from the day after tomorrow.</summary>
        public async Task GiveAvailabilityAsync(long applicationId)
        {
            var days = new List<DateOnly>();
            for (var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)); days.Count < 3; day = day.AddDays(1))
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    days.Add(day);
            var response = await Client.PutAsJsonAsync(Path($"applications/{applicationId}/availability"), new
            {
                timeZone = "UTC",
                windows = days.Select(d => new { start = $"{d:yyyy-MM-dd}T09:00:00Z", end = $"{d:yyyy-MM-dd}T17:00:00Z" }),
            });
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed record ScheduleSeen(string Id, long ApplicationId, string WriteBack);

    private sealed record HistorySeen(int Version, string Type);

    private async Task<IPage> SignedInAsync(IBrowserContext context, string role = "coordinator")
    {
        // Sign-in and every console page are plain forms and links, so this works with scripts off too.
        var token = await api.RoleTokenAsync(role);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/applications");
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Applications");
        return page;
    }

    [SkippableFact]
    public async Task Given_a_candidate_with_availability_when_the_coordinator_books_a_suggestion_then_the_schedule_page_shows_its_write_backs_turn_synced_live_and_its_history()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextSuggestibleTarget();
        await api.GiveAvailabilityAsync(target.ApplicationId);
        var candidate = api.Greenhouse.GetCandidate(target.CandidateId);
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await SignedInAsync(context);

        await page.GetByLabel("Candidate name, email or application id").FillAsync($"{candidate.FirstName} {candidate.LastName}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var row = page.Locator($"#application-{target.ApplicationId}");
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("nav[aria-label=Console] a[aria-current=page]")).ToHaveTextAsync("Applications");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "console-applications");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/console/applications/{target.ApplicationId}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Schedule {candidate.FirstName} {candidate.LastName}");
        await Expect(page.Locator("#availability")).ToContainTextAsync("09:00–17:00 (UTC)");
        var option = page.Locator("#option-1");
        await Expect(option).ToContainTextAsync("Why:");
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "console-application");

        // Greenhouse answers the interview's create slowly, so the page opens while it is still being written.
        api.Greenhouse.AddFault(new FaultRule
        {
            Kind = FaultKind.Latency, Endpoint = api.Endpoint("scheduled_interviews.create"), Latency = TimeSpan.FromSeconds(3), MaxOccurrences = 1,
        });
        await option.GetByRole(AriaRole.Button, new() { Name = "Schedule this option (option 1)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/console/schedules/sch_[^/?]+\\?created=1$"));
        var scheduleId = Regex.Match(page.Url, "/console/schedules/(sch_[^/?]+)").Groups[1].Value;
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#schedule-write-back")).ToHaveTextAsync("pending");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await Expect(page.Locator("#schedule-write-back")).ToHaveTextAsync("synced", new() { Timeout = 30_000 });
        await Expect(page.Locator("tr[id^=interview-] .badge")).ToHaveTextAsync("synced");
        await Expect(page.Locator("#drift-none")).ToBeVisibleAsync();
        Assert.Equal(0, navigations); // it turned synced through the live stream, not a reload
        var schedule = (await api.Client.GetFromJsonAsync<ScheduleSeen>(api.Path($"schedules/{scheduleId}"), Json))!;
        Assert.Equal((target.ApplicationId, "synced"), (schedule.ApplicationId, schedule.WriteBack));
        var history = (await api.Client.GetFromJsonAsync<List<HistorySeen>>(api.Path($"schedules/{scheduleId}/history"), Json))!;
        await Expect(page.Locator("#history > li")).ToHaveCountAsync(history.Count);
        await Expect(page.Locator("#history > li").First).ToContainTextAsync(history[0].Type);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "console-schedule");
    }

    [SkippableFact]
    public async Task Given_an_option_booked_elsewhere_meanwhile_when_the_coordinator_schedules_it_then_the_page_says_the_time_is_taken()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextSuggestibleTarget();
        await api.GiveAvailabilityAsync(target.ApplicationId);
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await SignedInAsync(context);
        await page.GotoAsync($"/console/applications/{target.ApplicationId}");
        var option = page.Locator("#option-1");
        await Expect(option).ToBeVisibleAsync();

        // Another application books the option's interviewer at the option's time through the API while the page is open.
        var offered = JsonDocument.Parse(await option.Locator("input[name=option]").InputValueAsync()).RootElement.GetProperty("interviews")[0];
        var other = api.NextTarget();
        var elsewhere = await api.Client.PostAsJsonAsync(api.Path("schedules"), new
        {
            applicationId = other.ApplicationId,
            interviews = new[]
            {
                new
                {
                    interviewStepId = other.InterviewStepId, interviewers = new[] { new { userId = offered.GetProperty("interviewers")[0].GetProperty("userId").GetInt64() } },
                    start = offered.GetProperty("start").GetString(), end = offered.GetProperty("end").GetString(), timeZone = "UTC",
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        var response = await page.RunAndWaitForResponseAsync(
            () => option.GetByRole(AriaRole.Button, new() { Name = "Schedule this option (option 1)" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.Conflict, response.Status);
        await Expect(page.Locator("#problem")).ToContainTextAsync("This option is no longer free");
        await Expect(page.Locator("#problem")).ToContainTextAsync("already booked");
        var booked = (await elsewhere.Content.ReadFromJsonAsync<ScheduleSeen>(Json))!;
        await Expect(page.Locator("#problem")).ToContainTextAsync(booked.Id);
        await Expect(page.Locator("#no-schedules")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "console-application-clash");
    }

    [SkippableFact]
    public async Task Given_an_option_altered_in_the_page_when_it_is_posted_then_the_page_lists_what_the_API_would_refuse_with_a_422()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextSuggestibleTarget();
        await api.GiveAvailabilityAsync(target.ApplicationId);
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await SignedInAsync(context);
        await page.GotoAsync($"/console/applications/{target.ApplicationId}");
        var option = page.Locator("#option-1");
        await option.Locator("input[name=option]").EvaluateAsync(
            "(field, id) => field.value = JSON.stringify({ applicationId: id, interviews: [] })", target.ApplicationId);

        var response = await page.RunAndWaitForResponseAsync(
            () => option.GetByRole(AriaRole.Button, new() { Name = "Schedule this option (option 1)" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.UnprocessableEntity, response.Status);
        await Expect(page.Locator("#problem")).ToContainTextAsync("This option cannot be scheduled as it is:");
        await Expect(page.Locator("#problem li")).ToContainTextAsync("interviews: At least one interview is required.");
        await Expect(page.Locator("#no-schedules")).ToBeVisibleAsync();
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
    }

    [SkippableFact]
    public async Task Given_no_JavaScript_on_a_phone_when_the_coordinator_finds_the_candidate_by_email_and_books_an_option_then_plain_posts_land_on_the_schedule()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextSuggestibleTarget();
        await api.GiveAvailabilityAsync(target.ApplicationId);
        var email = api.Greenhouse.GetCandidate(target.CandidateId).EmailAddresses[0].Value;
        await using var context = await browser.ContextAsync(api.BaseUrl, javaScript: false, width: 390, height: 844);
        var page = await SignedInAsync(context);

        await page.GetByLabel("Candidate name, email or application id").FillAsync(email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator($"#application-{target.ApplicationId}").GetByRole(AriaRole.Link).ClickAsync();
        await page.Locator("#option-1").GetByRole(AriaRole.Button, new() { Name = "Schedule this option (option 1)" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/console/schedules/sch_[^/?]+\\?created=1$"));
        await Expect(page.Locator(".status")).ToContainTextAsync("Scheduled.");
        for (var i = 0; i < 60 && await page.Locator("#schedule-write-back").TextContentAsync() == "pending"; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await Expect(page.Locator("#schedule-write-back")).ToHaveTextAsync("synced");
        Assert.Null(await page.Locator("html").GetAttributeAsync("data-state")); // no live stream without scripts: reloading brought it up to date
    }

    [SkippableFact]
    public async Task Given_a_read_only_token_then_the_application_page_shows_the_context_without_options_and_a_forged_booking_is_refused()
    {
        browser.SkipUnlessAvailable();
        var target = api.NextSuggestibleTarget();
        await using var context = await browser.ContextAsync(api.BaseUrl);
        var page = await SignedInAsync(context, "read");

        await page.GotoAsync($"/console/applications/{target.ApplicationId}");

        await Expect(page.Locator("#steps")).ToBeVisibleAsync();
        await Expect(page.Locator("#suggestions-title + p")).ToContainTextAsync("need a coordinator or admin token");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Schedule this option" })).ToHaveCountAsync(0);
        var field = page.Locator("form[action='/sign-out'] input[type=hidden]");
        var forged = await context.APIRequest.PostAsync($"/console/applications/{target.ApplicationId}/schedules", new()
        {
            Form = context.APIRequest.CreateFormData()
                .Set((await field.GetAttributeAsync("name"))!, (await field.GetAttributeAsync("value"))!)
                .Set("option", $$"""{"applicationId":{{target.ApplicationId}},"interviews":[]}"""),
        });
        Assert.Equal(403, forged.Status);
        Assert.Empty(await Browser.AccessibilityViolationsAsync(page));
    }
}

/// <summary>Org tokens of a given role, for signing in to the console as that role.</summary>
public static class ConsoleTokens
{
    public static async Task<string> RoleTokenAsync(this ConnectedApi api, string role)
    {
        var issued = await api.Api.ClientWith().PostAsJsonAsync($"/api/v1/orgs/{api.OrgId}/tokens", new { name = $"console {role}", role });
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<IssuedToken>())!.Token;
    }

    private sealed record IssuedToken(string Token, string Role);
}
