using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Reliability;

namespace GemScheduling.Tests.SelfScheduling;

/// <summary>
/// Booking links take input from coordinators and, anonymously, from candidates: every bad field is a 4xx naming it,
/// nothing is stored or booked by it, and the link still books afterwards. Run on both stores, which refuse different things.
/// </summary>
public abstract partial class BookingHostileInputSpecs(ConnectedApi api)
{
    [Fact]
    public async Task Given_bad_booking_link_requests_then_each_is_refused_naming_its_field_and_no_link_is_made()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 5 + 3)!;
        var step = new { interviewStepId = target.InterviewStepId, interviewerPool = new[] { target.InterviewerUserIds[0] } };
        (object Body, string Field)[] cases =
        [
            (new { }, "steps"),
            (new { steps = new[] { new { interviewStepId = 0L } } }, "steps[0].interviewStepId"),
            (new { steps = new[] { new { interviewStepId = 987654321L } } }, "steps[0].interviewStepId"),
            (new { steps = new[] { new { interviewStepId = target.InterviewStepId, durationMinutes = 100_000 } } }, "steps[0].durationMinutes"),
            (new { steps = new[] { step }, from = "next tuesday" }, "from"),
            (new { steps = new[] { step }, from = DateTimeOffset.UtcNow.AddDays(5), to = DateTimeOffset.UtcNow.AddDays(4) }, "to"),
            (new { steps = new[] { step }, to = DateTimeOffset.UtcNow.AddDays(90) }, "to"),
            (new { steps = new[] { step }, bufferMinutes = -5 }, "bufferMinutes"),
            (new { steps = new[] { step }, changeCutoffHours = 10_000 }, "changeCutoffHours"),
            (new { steps = new[] { step }, expiresInHours = 0 }, "expiresInHours"),
            (new { steps = new[] { step }, videoConferencingUrl = "javascript:alert(1)" }, "videoConferencingUrl"),
            (new { steps = new[] { step }, location = "Room\u00001" }, "location"),
            (new { steps = new[] { step }, location = new string('x', 501) }, "location"),
        ];

        foreach (var (body, field) in cases)
        {
            var response = await api.Client.PostAsJsonAsync(api.Path($"applications/{target.ApplicationId}/booking-links"), body);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{field}: {(int)response.StatusCode}");
            var problem = (await response.Content.ReadFromJsonAsync<ProblemView>(BookingLinkRequests.Json))!;
            Assert.True(problem.Errors?.ContainsKey(field) == true, $"{field} not named in {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.PostAsJsonAsync(api.Path("applications/999999999/booking-links"), new { steps = new[] { step } })).StatusCode);
    }

    [Fact]
    public async Task Given_hostile_candidate_requests_then_none_is_a_5xx_none_books_and_the_link_still_books_a_real_choice()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 5 + 4)!;
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var slots = (await api.OpenAsync(link.ApiPath)).Slots;
        var anonymous = api.Api.ClientWith(null);
        var candidate = api.Api.CreateClient(); // keeps the form's anti-forgery cookie, as a browser would
        var form = FormToken().Match(await candidate.GetStringAsync(link.PagePath)).Groups[1].Value;
        var taken = slots[0].Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

        var statuses = new List<HttpStatusCode>
        {
            (await anonymous.PostAsJsonAsync($"{link.ApiPath}/booking", new { start = "soon", timeZone = "UTC" })).StatusCode,
            (await anonymous.PostAsJsonAsync($"{link.ApiPath}/booking", new { start = slots[0].Start, timeZone = "Mars/Olympus_Mons" })).StatusCode,
            (await anonymous.PostAsJsonAsync($"{link.ApiPath}/booking", new { start = slots[0].Start, timeZone = "UTC\u0000" })).StatusCode,
            (await anonymous.PostAsJsonAsync($"{link.ApiPath}/booking", new { start = slots[0].Start.AddMinutes(7), timeZone = "UTC" })).StatusCode,
            (await anonymous.PostAsJsonAsync($"{link.ApiPath}/booking", new { start = DateTimeOffset.UtcNow.AddYears(1), timeZone = "UTC" })).StatusCode,
            (await anonymous.GetAsync($"{link.ApiPath}?timeZone=%00")).StatusCode,
            (await anonymous.GetAsync($"{link.ApiPath}?timeZone={new string('A', 5_000)}")).StatusCode,
            (await anonymous.GetAsync($"{link.ApiPath[..^4]}\u00e9\u00e9\u00e9\u00e9")).StatusCode,
            (await candidate.PostAsync(link.PagePath, Form(("start", taken), ("tz", "UTC")))).StatusCode,                 // no anti-forgery token
            (await candidate.PostAsync(link.PagePath, Form(("start", taken), ("tz", "UTC"), ("__form", "forged")))).StatusCode,
            (await candidate.PostAsync(link.PagePath, Form(("start", taken + "\u0000"), ("tz", "UTC"), ("__form", form)))).StatusCode,
            (await candidate.PostAsync(link.PagePath, Form(("start", "2026-02-30T25:00:00Z"), ("tz", "UTC"), ("__form", form)))).StatusCode,
            (await candidate.PostAsync(link.PagePath, Form(("start", taken), ("tz", new string('Z', 10_000)), ("__form", form)))).StatusCode,
        };
        var stillOpen = await api.OpenAsync(link.ApiPath);
        var booked = await candidate.PostAsync(link.PagePath, Form(("start", taken), ("tz", "Europe/Berlin"), ("__form", form)));

        Assert.All(statuses, s => Assert.True((int)s is >= 400 and < 500 || s == HttpStatusCode.Conflict, $"answered {(int)s}"));
        Assert.Equal("open", stillOpen.Status);
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode); // after the redirect to the booking's own page
        Assert.Contains("Your interview is booked", await booked.Content.ReadAsStringAsync());
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Equal(slots[0].Start, Assert.Single(api.InGreenhouse(link)).Start.DateTime);
    }

    [Fact]
    public async Task Given_a_hostile_cancellation_reason_then_it_is_refused_and_the_booking_stands_until_a_real_one()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 5 + 2)!;
        var link = await api.IssueBookingLinkAsync(target, [target.InterviewerUserIds[0]]);
        var confirmation = (await (await api.BookAsync(link.ApiPath, (await api.OpenAsync(link.ApiPath)).Slots[0].Start))
            .Content.ReadFromJsonAsync<BookingConfirmationView>(BookingLinkRequests.Json))!;
        var manage = ManageLinks.ApiPath(confirmation.ManageUrl!);
        var anonymous = api.Api.ClientWith(null);

        var nul = await anonymous.PostAsJsonAsync($"{manage}/cancel", new { reason = "bye\u0000" });
        var huge = await anonymous.PostAsJsonAsync($"{manage}/cancel", new { reason = new string('r', 1_001) });
        var surrogate = await anonymous.PostAsync($"{manage}/cancel", new StringContent("{\"reason\":\"\\ud800\"}", System.Text.Encoding.UTF8, "application/json"));
        var real = await anonymous.PostAsJsonAsync($"{manage}/cancel", new { reason = "Plans changed — désolé 🙏" });

        foreach (var refused in new[] { nul, huge, surrogate })
        {
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"answered {(int)refused.StatusCode}");
            Assert.True((await refused.Content.ReadFromJsonAsync<ProblemView>(BookingLinkRequests.Json))!.Errors?.ContainsKey("reason"));
        }

        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        await api.SettledAsync(link.Link.ScheduleId);
        Assert.Single(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("Plans changed — désolé 🙏"));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("name=\"__form\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

public sealed class BookingHostileInputOnMemorySpecs(HostileInputSpecs.OverKestrelApi api)
    : BookingHostileInputSpecs(api), IClassFixture<HostileInputSpecs.OverKestrelApi>;

public sealed class BookingHostileInputOnPostgresSpecs(HostileInputSpecs.OverKestrelPostgresApi api)
    : BookingHostileInputSpecs(api), IClassFixture<HostileInputSpecs.OverKestrelPostgresApi>;
