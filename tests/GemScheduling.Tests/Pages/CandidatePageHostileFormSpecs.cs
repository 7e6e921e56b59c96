using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Reliability;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// The candidate page's form is anonymous input: whatever is posted answers a page or a 4xx, never a 5xx, and nothing
/// reaches the store unless a real candidate pressed Send. Run on both stores, which refuse different things.
/// </summary>
public abstract partial class CandidatePageHostileFormSpecs(ConnectedApi api)
{
    [Fact]
    public async Task Given_hostile_form_posts_then_none_is_a_5xx_none_stores_anything_and_a_real_send_afterwards_saves_exactly_its_window()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 5 + 1)!;
        var path = (await api.IssueLinkAsync(target.ApplicationId)).PagePath;
        var candidate = api.Api.CreateClient(); // keeps the form's anti-forgery cookie, as a browser would
        var token = FormToken().Match(await candidate.GetStringAsync(path)).Groups[1].Value;
        var day = DateTime.UtcNow.Date.AddDays(3).ToString("yyyy-MM-dd");
        var window = $"{day}T09:00:00Z/{day}T11:00:00Z";
        (string, string)[][] hostile =
        [
            [("tz", "Europe/Berlin\u0000"), ("w", window), ("action", "send"), ("__form", token)],
            [("tz", new string('A', 10_000)), ("w", window), ("action", "send"), ("__form", token)],
            [("tz", "UTC"), ("w", "\u0000/\u0000"), ("w", $"{day}T11:00:00Z/{day}T09:00:00Z"), ("action", "send"), ("__form", token)],
            [("tz", "UTC"), ("w", window), ("action", "send")],                                   // no anti-forgery token
            [("tz", "UTC"), ("w", window), ("action", "send"), ("__form", "forged")],
            [("tz", "UTC"), ("w", window), ("action", "send\u0000"), ("__form", token)],
            [("tz", "UTC"), ("action", $"add:{day}"), ($"from-{day}", "09:00\u0000"), ($"to-{day}", "99:99"), ("__form", token)],
            [("tz", "UTC"), ("action", "remove:99999999999"), ("w", window), ("__form", token)],
            [("tz", "UTC"), ("week", "\u0000"), ("action", "week:9999-12-31"), ("__form", token)],
            [.. Enumerable.Range(0, 5_000).Select(_ => ("w", window)), ("tz", "UTC"), ("action", "send"), ("__form", token)],
        ];

        var statuses = new List<HttpStatusCode>();
        foreach (var fields in hostile)
            statuses.Add((await candidate.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))))).StatusCode);
        statuses.Add((await candidate.PostAsJsonAsync(path, new { tz = "UTC", action = "send" })).StatusCode);
        var before = await api.CandidateAnswerAsync(target.ApplicationId);
        var sent = await candidate.PostAsync(path, new FormUrlEncodedContent([new("tz", "UTC"), new("w", window), new("action", "send"), new("__form", token)]));

        Assert.All(statuses, s => Assert.True((int)s < 500, $"answered {(int)s}"));
        Assert.Null(before);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Thank you", await sent.Content.ReadAsStringAsync());
        var answer = await api.CandidateAnswerAsync(target.ApplicationId);
        Assert.Equal([(DateTimeOffset.Parse($"{day}T09:00:00Z"), DateTimeOffset.Parse($"{day}T11:00:00Z"))], answer!.Windows.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public async Task Given_a_page_answer_then_it_is_not_cached_sends_no_referrer_runs_only_its_own_scripts_and_cannot_be_framed()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 5 + 2)!;
        var link = await api.IssueLinkAsync(target.ApplicationId);

        var page = await api.Api.CreateClient().GetAsync(link.PagePath);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [GeneratedRegex("name=\"__form\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

public sealed class CandidatePageHostileFormOnMemorySpecs(HostileInputSpecs.OverKestrelApi api)
    : CandidatePageHostileFormSpecs(api), IClassFixture<HostileInputSpecs.OverKestrelApi>;

public sealed class CandidatePageHostileFormOnPostgresSpecs(HostileInputSpecs.OverKestrelPostgresApi api)
    : CandidatePageHostileFormSpecs(api), IClassFixture<HostileInputSpecs.OverKestrelPostgresApi>;
