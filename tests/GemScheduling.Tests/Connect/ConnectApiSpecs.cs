using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Tests.Connect;

/// <summary>An admin connects Greenhouse through the API: the key is checked, stored encrypted, and never shown or logged.</summary>
public sealed class ConnectApiSpecs : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private HarvestSandboxServer _sandbox = null!;
    private ApiFactory _api = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        _api = new ApiFactory(settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Polly"] = "Trace" },
            services: s => s.AddSingleton<ILoggerProvider>(_logs));
        _admin = _api.ClientWith();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private (SandboxOrganization Org, string Key, string Organizer) GreenhouseOrg(IEnumerable<string>? permissions = null)
    {
        var org = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 29, Scale = DataScale.Demo with { Candidates = 20, Applications = 30 }, RateLimit = 1000 });
        var organizer = org.GetUser(org.FindSchedulingTarget()!.OrganizerUserId).PrimaryEmailAddress;
        return (org, org.CreateApiKey(permissions).Key, organizer);
    }

    private Task<HttpResponseMessage> Connect(string orgId, string? key, string organizer) =>
        _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { apiVersion = "v1", baseUrl = _sandbox.BaseAddress.ToString(), apiKey = key, organizerEmail = organizer });

    [Fact]
    public async Task Given_a_key_missing_Add_Email_when_connected_then_the_report_names_it_and_nothing_in_Greenhouse_changed()
    {
        var (org, key, organizer) = GreenhouseOrg(HarvestSandbox.HarvestPermissions.AllIds.Where(p => p != "candidates.add_email"));
        var fingerprint = org.Fingerprint();
        var orgId = await _admin.CreateOrgAsync("Acme");

        var response = await Connect(orgId, key, organizer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(key[^4..], connection.GetProperty("credentialLast4").GetString());
        var report = connection.GetProperty("lastVerification");
        Assert.Equal("valid", report.GetProperty("key").GetString());
        var missing = report.GetProperty("permissions").EnumerateArray().Where(p => p.GetProperty("status").GetString() == "missing").ToList();
        Assert.Equal("candidates.add_email", Assert.Single(missing).GetProperty("id").GetString());
        Assert.Contains("Dev Center", Assert.Single(missing).GetProperty("howToGrant").GetString());
        Assert.Equal(fingerprint, org.Fingerprint());
        Assert.DoesNotContain(org.CallLog(), c => c.Method != "GET" && c.Status is >= 200 and < 300);
    }

    [Fact]
    public async Task Given_a_connected_org_when_the_key_is_rotated_then_only_the_key_changes()
    {
        var (org, key, organizer) = GreenhouseOrg();
        var orgId = await _admin.CreateOrgAsync("Acme");
        var first = await (await Connect(orgId, key, organizer)).Content.ReadFromJsonAsync<JsonElement>();
        var newKey = org.CreateApiKey().Key;
        org.RevokeApiKey(key);

        var rotated = await (await _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { apiKey = newKey })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(newKey[^4..], rotated.GetProperty("credentialLast4").GetString());
        Assert.Equal(first.GetProperty("connectedAt").GetDateTimeOffset(), rotated.GetProperty("connectedAt").GetDateTimeOffset());
        Assert.NotEqual(JsonValueKind.Null, rotated.GetProperty("rotatedAt").ValueKind);
        Assert.Equal(first.GetProperty("organizer").GetProperty("userId").GetInt64(), rotated.GetProperty("organizer").GetProperty("userId").GetInt64());
        var verify = await (await _admin.PostAsync($"/api/v1/orgs/{orgId}/greenhouse/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("valid", verify.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Given_an_invalid_key_or_a_missing_user_then_connecting_is_refused_naming_the_field()
    {
        var (_, key, organizer) = GreenhouseOrg();
        var (_, noUsers, _) = GreenhouseOrg(HarvestSandbox.HarvestPermissions.AllIds.Where(p => p != "users.list"));
        var orgId = await _admin.CreateOrgAsync("Acme");

        var badKey = await Connect(orgId, "not-a-real-key", organizer);
        var unknownUser = await Connect(orgId, key, "nobody@example.com");
        var cannotLookUp = await Connect(orgId, noUsers, organizer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badKey.StatusCode);
        Assert.True((await badKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("apiKey", out _));
        Assert.True((await unknownUser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("organizerEmail", out _));
        var problem = await cannotLookUp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Users: List Users", problem.GetProperty("errors").GetProperty("organizerEmail")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/orgs/{orgId}/greenhouse")).StatusCode);
    }

    [Fact]
    public async Task Given_connect_verify_sync_and_reads_then_no_log_line_and_no_response_contains_the_key()
    {
        var (_, key, organizer) = GreenhouseOrg();
        var orgId = await _admin.CreateOrgAsync("Acme");
        var bodies = new List<string>
        {
            await (await Connect(orgId, key, organizer)).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/v1/orgs/{orgId}/greenhouse")).Content.ReadAsStringAsync(),
            await (await _admin.PostAsync($"/api/v1/orgs/{orgId}/greenhouse/verify", null)).Content.ReadAsStringAsync(),
            await (await _admin.PostAsJsonAsync($"/api/v1/orgs/{orgId}/sync", new { mode = "full" })).Content.ReadAsStringAsync(),
            await (await _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { apiKey = "bad key with spaces" })).Content.ReadAsStringAsync(),
        };
        await Task.Delay(1500); // let the sync run and log
        bodies.Add(await (await _admin.GetAsync($"/api/v1/orgs/{orgId}/sync")).Content.ReadAsStringAsync());

        Assert.NotEmpty(_logs.Lines);
        Assert.All(bodies, body => Assert.DoesNotContain(key, body));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key + ":")), StringComparison.Ordinal));
    }
}
