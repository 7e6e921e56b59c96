using System.Globalization;
using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>
/// v3 rate limiting per client id in 30 s windows, the token endpoint's 60 s window, and clock-driven expiry.
/// Uses its own sandbox on a hand-moved clock.
/// </summary>
public sealed class V3RateLimitTests : IAsyncLifetime
{
    // 10:00:02.250 UTC: the 30 s window ends at 10:00:30, the 60 s one at 10:01:00.
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 2, 250, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private HarvestSandboxServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false, TimeProvider = _clock });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private V3Org Org(HarvestV3Options v3) => V3Org.Create(_server, new OrganizationOptions { RateLimit = null, V3 = v3 });

    private static string Epoch(DateTimeOffset t) => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Given_a_limit_of_3_per_30_s_When_a_4th_request_comes_in_the_window_Then_429_with_retry_after_and_reset_and_the_next_window_resets()
    {
        var org = Org(new HarvestV3Options { RateLimit = 3 });
        var token = await org.NewTokenAsync();
        var seen = new List<(int?, int?, string?)>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await org.GetAsync("v3/offices", token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            seen.Add((ok.IntValue("X-RateLimit-Limit"), ok.IntValue("X-RateLimit-Remaining"), ok.Value("X-RateLimit-Reset")));
        }

        using var limited = await org.GetAsync("v3/offices", token);

        var reset = Epoch(new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero));
        Assert.Equal([(3, 2, reset), (3, 1, reset), (3, 0, reset)], seen);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("""{"message":"Rate limit exceeded"}""", await limited.Content.ReadAsStringAsync());
        Assert.Equal(28, limited.Headers.RetryAfter?.Delta?.TotalSeconds);
        Assert.Equal(reset, limited.Value("X-RateLimit-Reset"));
        Assert.Equal(0, limited.IntValue("X-RateLimit-Remaining"));
        Assert.Equal(1, org.Org.Counters().ByKey[org.Credentials.ClientId].RateLimited);

        _clock.Advance(TimeSpan.FromSeconds(28));
        using var next = await org.GetAsync("v3/offices", token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, next.IntValue("X-RateLimit-Remaining"));
        Assert.Equal(Epoch(new DateTimeOffset(2026, 12, 1, 10, 1, 0, TimeSpan.Zero)), next.Value("X-RateLimit-Reset"));
    }

    [Fact]
    public async Task Given_two_clients_and_two_tokens_of_one_client_When_calling_Then_windows_are_per_client_id()
    {
        var org = Org(new HarvestV3Options { RateLimit = 2 });
        var other = org.Org.CreateV3Credentials();
        var first = await org.NewTokenAsync();
        var second = await org.NewTokenAsync(sub: org.SiteAdminId);
        var otherToken = await org.NewTokenAsync(clientId: other.ClientId, secret: other.ClientSecret);

        using var a = await org.GetAsync("v3/offices", first);
        using var b = await org.GetAsync("v3/offices", second);
        using var c = await org.GetAsync("v3/offices", first);
        using var d = await org.GetAsync("v3/offices", otherToken);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            new[] { a, b, c, d }.Select(r => r.StatusCode));
        Assert.Equal(1, d.IntValue("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Given_errors_When_rate_limiting_is_on_Then_401_403_422_also_carry_the_headers()
    {
        var org = Org(new HarvestV3Options { RateLimit = 10 });
        var narrow = org.Org.CreateV3Credentials(["harvest:offices:list"]);
        var narrowToken = await org.NewTokenAsync(clientId: narrow.ClientId, secret: narrow.ClientSecret);

        using var unknown = await org.GetAsync("v3/offices", "x.y.z");
        using var forbidden = await org.GetAsync("v3/jobs", narrowToken);
        using var invalid = await org.GetAsync("v3/offices?per_page=0", narrowToken);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HarvestV3Options.DefaultRateLimit, unknown.IntValue("X-RateLimit-Limit"));
        Assert.NotNull(unknown.Value("X-RateLimit-Reset"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(9, forbidden.IntValue("X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(8, invalid.IntValue("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Given_v3_rate_limiting_off_When_calling_often_Then_never_429_and_no_headers()
    {
        var org = Org(new HarvestV3Options { RateLimit = 5 });
        org.Org.SetV3RateLimit(null);
        var token = await org.NewTokenAsync();

        for (var i = 0; i < 20; i++)
        {
            using var response = await org.GetAsync("v3/offices", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Value("X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task Given_a_token_limit_of_2_per_60_s_When_a_3rd_token_is_requested_Then_429_until_the_minute_ends()
    {
        var org = Org(new HarvestV3Options { TokenRateLimit = 2 });

        await org.NewTokenAsync();
        await org.NewTokenAsync();
        using var limited = await org.Http.SendAsync(org.TokenRequest());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(58, limited.Headers.RetryAfter?.Delta?.TotalSeconds);
        Assert.Equal(2, limited.IntValue("X-RateLimit-Limit"));
        Assert.Equal(Epoch(new DateTimeOffset(2026, 12, 1, 10, 1, 0, TimeSpan.Zero)), limited.Value("X-RateLimit-Reset"));
        Assert.Equal(2, org.Org.V3Tokens().Count);

        // API calls have their own window.
        using var api = await org.GetAsync("v3/offices", org.Org.V3Tokens()[0].AccessToken);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(58));
        await org.NewTokenAsync();
    }

    [Fact]
    public async Task Given_the_default_lifetime_When_an_hour_passes_Then_the_token_gets_401_expired()
    {
        var org = Org(new HarvestV3Options());
        var token = await org.NewTokenAsync();

        _clock.Advance(TimeSpan.FromMinutes(59));
        using var stillValid = await org.GetAsync("v3/offices", token);
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await org.GetAsync("v3/offices", token);

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Access token expired", await Json.MessageAsync(expired));
    }

    [Fact]
    public async Task Given_a_rotated_secret_When_the_7_day_grace_passes_Then_the_old_secret_is_refused_and_the_new_one_works()
    {
        var org = Org(new HarvestV3Options());
        var rotated = org.Org.RotateV3Secret(org.Credentials.ClientId);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        await org.NewTokenAsync(secret: org.Credentials.ClientSecret);
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var old = await org.Http.SendAsync(org.TokenRequest(secret: org.Credentials.ClientSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await org.NewTokenAsync(secret: rotated.ClientSecret);
        Assert.Empty(org.Org.V3Credentials().Single().PreviousSecrets);
    }
}
