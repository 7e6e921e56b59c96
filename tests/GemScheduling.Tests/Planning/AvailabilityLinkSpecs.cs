using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Planning;
using GemScheduling.Security;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Tests.Planning;

/// <summary>
/// Availability links are built on the configured public URL (never the Host header), can be revoked, can stop working
/// once the candidate has answered, survive a master-key rotation, and never appear in a log line.
/// </summary>
public sealed class AvailabilityLinkSpecs : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://scheduling.acme.example/";
    private readonly CapturedLogs _logs = new();
    private HarvestSandboxServer _sandbox = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private string _orgId = "";
    private SchedulingTarget _target = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        var greenhouse = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 13, Scale = DataScale.Demo, RateLimit = 1000 });
        _api = new ApiFactory(settings: new Dictionary<string, string?> { ["PublicBaseUrl"] = PublicBaseUrl, ["Logging:LogLevel:Default"] = "Trace" },
            services: s => s.AddSingleton<ILoggerProvider>(_logs));
        var admin = _api.ClientWith();
        _orgId = await admin.CreateOrgAsync("Acme");
        _client = _api.ClientWith((await admin.IssueTokenAsync(_orgId)).Token);
        _target = greenhouse.FindSchedulingTarget()!;
        var organizer = greenhouse.GetUser(_target.OrganizerUserId).PrimaryEmailAddress;
        (await _client.PutAsJsonAsync($"/api/v1/orgs/{_orgId}/greenhouse",
            new { apiVersion = "v1", baseUrl = _sandbox.BaseAddress.ToString(), apiKey = greenhouse.CreateApiKey().Key, organizerEmail = organizer })).EnsureSuccessStatusCode();
        for (var i = 0; i < 300 && (await _client.GetAsync($"/api/v1/orgs/{_orgId}/applications/{_target.ApplicationId}")).StatusCode != HttpStatusCode.OK; i++)
            await Task.Delay(100);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private async Task<JsonElement> IssueAsync(object? body = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orgs/{_orgId}/applications/{_target.ApplicationId}/availability-links")
        {
            Content = JsonContent.Create(body ?? new { expiresInHours = 24 }),
        };
        if (host is not null)
            request.Headers.Host = host;
        var response = await _client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string PathOf(JsonElement link) => new Uri(link.GetProperty("apiUrl").GetString()!).PathAndQuery;

    private object Windows() => new
    {
        timeZone = "Europe/Berlin",
        windows = new[] { new { start = DateTimeOffset.UtcNow.AddDays(3).ToString("O"), end = DateTimeOffset.UtcNow.AddDays(3).AddHours(4).ToString("O") } },
    };

    [Fact]
    public async Task Given_a_request_with_a_forged_Host_header_then_the_link_is_built_on_the_configured_public_url()
    {
        var link = await IssueAsync(host: "attacker.example");

        Assert.StartsWith(PublicBaseUrl + "availability/", link.GetProperty("url").GetString());
        Assert.StartsWith(PublicBaseUrl + "api/v1/availability-links/", link.GetProperty("apiUrl").GetString());
    }

    [Fact]
    public async Task Given_a_revoked_link_then_reading_and_answering_it_are_410_and_other_links_still_work()
    {
        var revoked = await IssueAsync();
        var kept = await IssueAsync();
        var anonymous = _api.ClientWith(null);

        var revoke = await _client.DeleteAsync($"/api/v1/orgs/{_orgId}/applications/{_target.ApplicationId}/availability-links/{revoked.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(PathOf(revoked))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.PutAsJsonAsync(PathOf(revoked), Windows())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(PathOf(kept))).StatusCode);
        var listed = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{_orgId}/applications/{_target.ApplicationId}/availability-links");
        Assert.Equal("revoked", listed.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("id").GetString() == revoked.GetProperty("id").GetString()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Given_an_org_whose_links_expire_on_submission_then_the_candidate_answers_once_and_the_link_is_used_up()
    {
        var policy = await _client.PutAsJsonAsync($"/api/v1/orgs/{_orgId}/availability-link-policy", new { expireOnSubmission = true });
        policy.EnsureSuccessStatusCode();
        var link = await IssueAsync(new { });
        var anonymous = _api.ClientWith(null);

        var first = await anonymous.PutAsJsonAsync(PathOf(link), Windows());
        var second = await anonymous.PutAsJsonAsync(PathOf(link), Windows());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Equal("Link already used", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(PathOf(link))).StatusCode);
        await _client.PutAsJsonAsync($"/api/v1/orgs/{_orgId}/availability-link-policy", new { expireOnSubmission = false });
    }

    [Fact]
    public void Given_a_link_signed_before_the_master_key_was_rotated_then_it_still_checks_until_it_expires()
    {
        var oldKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var newKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var link = new AvailabilityLink("org_abcdefghijkmnpqr", 42, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()), "lnk_abcdefghijkm");
        var token = new AvailabilityLinks(new CredentialProtector(oldKey), TimeProvider.System).Issue(link);

        var rotated = new AvailabilityLinks(new CredentialProtector(newKey, [oldKey]), TimeProvider.System).Read(token, out var expired);
        var forgotten = new AvailabilityLinks(new CredentialProtector(newKey), TimeProvider.System).Read(token, out _);

        Assert.Equal(link, rotated);
        Assert.False(expired);
        Assert.Null(forgotten);
    }

    [Fact]
    public async Task Given_links_read_answered_and_refused_at_trace_level_then_no_log_line_holds_a_token()
    {
        var link = await IssueAsync();
        var token = PathOf(link).Split('/').Last();
        var anonymous = _api.ClientWith(null);

        await anonymous.GetAsync(PathOf(link));
        await anonymous.PutAsJsonAsync(PathOf(link), Windows());
        await anonymous.PutAsJsonAsync(PathOf(link), new { timeZone = "Nowhere/Land", windows = Array.Empty<object>() });
        await anonymous.GetAsync(PathOf(link)[..^4] + "AAAA");

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(token, StringComparison.Ordinal) || line.Contains(token[..20], StringComparison.Ordinal));
    }
}
