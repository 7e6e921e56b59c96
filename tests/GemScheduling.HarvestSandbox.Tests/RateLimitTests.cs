using System.Globalization;
using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>Uses its own sandbox with a hand-moved clock: windows are aligned to 10 s of the sandbox clock.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 2, 250, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private HarvestSandboxServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false, TimeProvider = _clock });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private TestOrg Org(int? limit, RateLimitStyle style = RateLimitStyle.Current) =>
        TestOrg.Create(_server, new OrganizationOptions { RateLimit = limit, RateLimitStyle = style, Scale = DataScale.Demo });

    [Fact]
    public async Task Given_a_limit_of_3_When_a_4th_request_comes_in_the_window_Then_429_with_headers_and_after_the_window_it_resets()
    {
        var org = Org(3);
        var remaining = new List<int?>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await org.GetAsync("v1/offices");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(3, ok.IntValue("X-RateLimit-Limit"));
            remaining.Add(ok.IntValue("X-RateLimit-Remaining"));
        }

        using var limited = await org.GetAsync("v1/offices");

        Assert.Equal([2, 1, 0], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("""{"message":"Rate limit exceeded"}""", await limited.Content.ReadAsStringAsync());
        Assert.Equal("8", limited.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 10, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), limited.Value("X-RateLimit-Reset"));
        Assert.Equal(0, limited.IntValue("X-RateLimit-Remaining"));
        Assert.Equal(1, org.Org.Counters().RateLimited);

        _clock.Advance(TimeSpan.FromSeconds(8));
        using var afterReset = await org.GetAsync("v1/offices");

        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal(2, afterReset.IntValue("X-RateLimit-Remaining"));
        var counters = org.Org.Counters();
        Assert.Equal(5, counters.Requests);
        Assert.Equal(1, counters.ByKey.Single().Value.RateLimited);
    }

    [Fact]
    public async Task Given_error_responses_When_rate_limiting_is_on_Then_they_also_carry_the_headers_and_count()
    {
        var org = Org(10);
        var ids = SampleIds.From(org.Org);
        var responses = new[]
        {
            await org.GetAsync("v1/jobs/1"),
            await org.GetAsync("v1/candidates?per_page=0"),
            await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", "{}", onBehalfOf: null),
            await org.SendAsync(org.Request(HttpMethod.Get, "v1/jobs", json: "{}")),
        };

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.UnprocessableEntity, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden],
            responses.Select(r => r.StatusCode));
        Assert.Equal([9, 8, 7, 6], responses.Select(r => r.IntValue("X-RateLimit-Remaining")));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Given_two_keys_When_one_is_exhausted_Then_the_other_has_its_own_window()
    {
        var org = Org(1);
        var other = org.Org.CreateApiKey().Key;

        using var first = await org.GetAsync("v1/offices");
        using var limited = await org.GetAsync("v1/offices");
        using var otherKey = await org.GetAsync("v1/offices", key: other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task Given_the_2018_style_When_limited_Then_the_429_has_no_rate_limit_headers_but_a_retry_after()
    {
        var org = Org(1, RateLimitStyle.NoHeadersOn429);

        using var ok = await org.GetAsync("v1/offices");
        using var limited = await org.GetAsync("v1/offices");

        Assert.NotNull(ok.Value("X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Null(limited.Value("X-RateLimit-Limit"));
        Assert.Null(limited.Value("X-RateLimit-Remaining"));
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Given_the_2023_style_When_limited_Then_retry_after_is_an_epoch_timestamp()
    {
        var org = Org(1, RateLimitStyle.RetryAfterEpoch);

        using var ok = await org.GetAsync("v1/offices");
        using var limited = await org.GetAsync("v1/offices");

        var retryAfter = limited.Value("Retry-After") ?? string.Join(",", limited.Headers.RetryAfter?.ToString());
        Assert.Equal(limited.Value("X-RateLimit-Reset"), retryAfter);
        Assert.True(long.Parse(retryAfter, CultureInfo.InvariantCulture) > 1_000_000_000);
    }

    [Fact]
    public async Task Given_rate_limiting_off_When_calling_often_Then_never_429_and_no_headers()
    {
        var org = Org(null);

        for (var i = 0; i < 60; i++)
        {
            using var response = await org.GetAsync("v1/offices");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Value("X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task Given_the_admin_changes_the_limit_When_calling_Then_the_new_limit_applies()
    {
        var org = Org(50);
        org.Org.SetRateLimit(2);

        using var first = await org.GetAsync("v1/offices");

        Assert.Equal(2, first.IntValue("X-RateLimit-Limit"));
        Assert.Equal(1, first.IntValue("X-RateLimit-Remaining"));
    }
}
