using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Planning;

/// <summary>Candidate availability from Greenhouse, a coordinator and the candidate's own link; suggestions that can be booked.</summary>
public sealed class AvailabilityAndSuggestionSpecs(ConnectedApi api) : IClassFixture<ConnectedApi>
{
    private static int _targets = 40;

    private SchedulingTarget NextTarget() => api.Greenhouse.FindSchedulingTarget(Interlocked.Increment(ref _targets))!;

    private static IEnumerable<DateOnly> Weekdays(int count)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2));
        while (count > 0)
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                yield return day;
                count--;
            }

            day = day.AddDays(1);
        }
    }

    private static string Instant(DateOnly day, int hour, string zone) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0)))).ToString("O");

    [Fact]
    public async Task Given_availability_submitted_in_Greenhouse_then_its_windows_are_read_and_unreadable_lines_are_shown_not_dropped()
    {
        var target = NextTarget();
        var day = Weekdays(1).Single();
        api.Greenhouse.AddAvailabilitySubmission(target.CandidateId, "America/New_York",
            [new AvailabilityWindow(day, TimeSpan.FromHours(9), TimeSpan.FromHours(12))], ["tomorrow afternoon"]);

        var availability = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"applications/{target.ApplicationId}/availability"));

        var window = Assert.Single(availability.GetProperty("windows").EnumerateArray());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var expectedStart = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), zone.GetUtcOffset(day.ToDateTime(new TimeOnly(9, 0))));
        Assert.Equal(expectedStart, window.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(expectedStart.AddHours(3), window.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("America/New_York", availability.GetProperty("timeZone").GetString());
        Assert.Contains(availability.GetProperty("problems").EnumerateArray(), p => p.GetProperty("text").GetString()!.Contains("tomorrow afternoon", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_signed_link_then_the_candidate_gives_availability_without_an_account_and_a_forged_or_expired_link_is_refused()
    {
        var target = NextTarget();
        var link = await (await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/availability-links"), new { expiresInHours = 24 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(link.GetProperty("apiUrl").GetString()!).PathAndQuery;
        var anonymous = api.Api.ClientWith(null);
        var day = Weekdays(1).Single();

        var view = await anonymous.GetFromJsonAsync<JsonElement>(url);
        var submitted = await anonymous.PutAsJsonAsync(url, new { timeZone = "Europe/Berlin", windows = new[] { new { start = Instant(day, 10, "Europe/Berlin"), end = Instant(day, 15, "Europe/Berlin") } } });

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.False(string.IsNullOrEmpty(view.GetProperty("jobName").GetString()));
        var availability = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"applications/{target.ApplicationId}/availability"));
        Assert.Contains(availability.GetProperty("sources").EnumerateArray(), s => s.GetProperty("source").GetString() == "candidate" && s.GetProperty("by").GetString()!.Contains("link", StringComparison.Ordinal));

        var forged = url[..^3] + (url[^3..] == "AAA" ? "BBB" : "AAA");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(forged)).StatusCode);
        var shortLived = await (await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/availability-links"), new { expiresInHours = 0.0003 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(new Uri(shortLived.GetProperty("apiUrl").GetString()!).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Given_availability_and_an_interviewers_calendar_then_suggestions_avoid_busy_time_and_booking_one_takes_its_slot()
    {
        var target = NextTarget();
        var days = Weekdays(3).ToList();
        var interviewer = target.InterviewerUserIds[0];
        var blocked = days[0];
        // The interviewer's own calendar is busy all of the first day (UTC).
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:busy-1@test\r\nDTSTART:{blocked:yyyyMMdd}T000000Z\r\nDTEND:{blocked.AddDays(1):yyyyMMdd}T000000Z\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PutAsJsonAsync(api.Path($"interviewers/{interviewer}"), new { timeZone = "UTC", ics })).StatusCode);
        await api.Client.PutAsJsonAsync(api.Path($"applications/{target.ApplicationId}/availability"),
            new { timeZone = "America/New_York", windows = days.Select(d => new { start = Instant(d, 9, "America/New_York"), end = Instant(d, 17, "America/New_York") }) });

        var response = await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/suggestions"), new
        {
            steps = new[] { new { interviewStepId = target.InterviewStepId, durationMinutes = 60, interviewerPool = new[] { interviewer } } },
        });
        var suggestions = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.StatusCode == HttpStatusCode.OK, suggestions.ToString());
        var options = suggestions.GetProperty("options").EnumerateArray().ToList();
        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.NotEmpty(o.GetProperty("reasons").EnumerateArray()));
        Assert.All(options.SelectMany(o => o.GetProperty("interviews").EnumerateArray()), i =>
            Assert.NotEqual(blocked, DateOnly.FromDateTime(i.GetProperty("start").GetDateTimeOffset().UtcDateTime)));

        var best = options[0];
        var booked = await api.Client.PostAsJsonAsync(api.Path("schedules"), best.GetProperty("createRequest"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var again = await (await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/suggestions"), new
        {
            steps = new[] { new { interviewStepId = target.InterviewStepId, durationMinutes = 60, interviewerPool = new[] { interviewer } } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var takenStart = best.GetProperty("interviews")[0].GetProperty("start").GetDateTimeOffset();
        Assert.DoesNotContain(again.GetProperty("options").EnumerateArray(), o =>
        {
            var start = o.GetProperty("interviews")[0].GetProperty("start").GetDateTimeOffset();
            return start < takenStart.AddHours(1) && takenStart < start.AddHours(1);
        });
    }

    [Fact]
    public async Task Given_no_room_for_a_loop_then_the_answer_names_what_blocks_it_and_the_nearest_relaxation()
    {
        var target = NextTarget();
        var day = Weekdays(2).ToList();
        // Two hours of candidate time a day, and two one-hour interviews with a one-hour break: only two days would work.
        await api.Client.PutAsJsonAsync(api.Path($"applications/{target.ApplicationId}/availability"),
            new { timeZone = "UTC", windows = day.Select(d => new { start = Instant(d, 14, "UTC"), end = Instant(d, 16, "UTC") }) });

        var suggestions = await (await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/suggestions"), new
        {
            steps = new[]
            {
                new { interviewStepId = target.InterviewStepId, durationMinutes = 60, interviewerPool = target.InterviewerUserIds.Take(1).ToArray() },
                new { interviewStepId = target.InterviewStepId, durationMinutes = 60, interviewerPool = target.InterviewerUserIds.Take(1).ToArray() },
            },
            breakMinutes = 60,
        })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Empty(suggestions.GetProperty("options").EnumerateArray());
        Assert.NotEmpty(suggestions.GetProperty("blockers").EnumerateArray());
        var relaxation = suggestions.GetProperty("nearestRelaxation");
        Assert.Equal(JsonValueKind.Object, relaxation.ValueKind);
        Assert.NotEmpty(relaxation.GetProperty("description").GetString()!);
        Assert.Equal(2, relaxation.GetProperty("option").GetProperty("interviews").GetArrayLength());
    }

    [Fact]
    public async Task Given_bad_availability_then_each_bad_window_is_named()
    {
        var target = NextTarget();
        var response = await api.Client.PutAsJsonAsync(api.Path($"applications/{target.ApplicationId}/availability"), new
        {
            timeZone = "Not/AZone",
            windows = new object[] { new { start = "2026-12-01T10:00:00", end = "2026-12-01T09:00:00Z" }, new { start = "2026-12-01T10:00:00Z", end = "2026-12-01T09:00:00Z" } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("windows[0].start", out _));
    }
}
