using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Tests.Connect;

/// <summary>
/// An admin connects Greenhouse with Harvest v3 OAuth client credentials: the report speaks in v3 scopes, and neither
/// the client secret nor any access token is ever shown or logged.
/// </summary>
public sealed class ConnectV3ApiSpecs : IAsyncLifetime
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

    private (SandboxOrganization Org, SandboxV3Credentials Credentials, string Organizer) GreenhouseOrg(IEnumerable<string>? scopes = null)
    {
        var org = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 31, Scale = DataScale.Demo with { Candidates = 20, Applications = 30 }, RateLimit = 1000 });
        org.SetV3RateLimit(1000);
        var organizer = org.GetUser(org.FindSchedulingTarget()!.OrganizerUserId).PrimaryEmailAddress;
        return (org, org.CreateV3Credentials(scopes), organizer);
    }

    private Task<HttpResponseMessage> Connect(string orgId, string? clientId, string? clientSecret, string organizer) =>
        _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse",
            new { apiVersion = "v3", baseUrl = _sandbox.BaseAddress.ToString(), clientId, clientSecret, organizerEmail = organizer });

    [Fact]
    public async Task Given_credentials_missing_notes_create_when_connected_then_the_report_names_that_scope_and_nothing_in_Greenhouse_changed()
    {
        var (org, credentials, organizer) = GreenhouseOrg(HarvestSandbox.HarvestV3Scopes.AllIds.Where(s => s != "harvest:notes:create"));
        var fingerprint = org.Fingerprint();
        var orgId = await _admin.CreateOrgAsync("Acme");

        var response = await Connect(orgId, credentials.ClientId, credentials.ClientSecret, organizer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("v3", connection.GetProperty("apiVersion").GetString());
        Assert.Equal(credentials.ClientSecret[^4..], connection.GetProperty("credentialLast4").GetString());
        var report = connection.GetProperty("lastVerification");
        Assert.Equal("valid", report.GetProperty("key").GetString());
        var missing = Assert.Single(report.GetProperty("permissions").EnumerateArray(), p => p.GetProperty("status").GetString() != "granted");
        Assert.Equal("harvest:notes:create", missing.GetProperty("id").GetString());
        Assert.Equal("missing", missing.GetProperty("status").GetString());
        Assert.Contains("Harvest V3 (OAuth)", missing.GetProperty("howToGrant").GetString());
        Assert.Contains(report.GetProperty("permissions").EnumerateArray(), p => p.GetProperty("id").GetString() == "site_admin.list_reads" && p.GetProperty("status").GetString() == "granted");
        Assert.Equal(fingerprint, org.Fingerprint());
        Assert.DoesNotContain(org.CallLog(), c => c.Method != "GET" && c.Permission != "auth.token" && c.Status is >= 200 and < 300);
    }

    [Fact]
    public async Task Given_an_Integration_Service_User_that_is_not_a_Site_Admin_when_connecting_then_the_organizer_field_explains_the_Site_Admin_fix()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        org.SetUserSiteAdmin(org.IntegrationServiceUserId!.Value, false);
        var orgId = await _admin.CreateOrgAsync("Acme");

        var response = await Connect(orgId, credentials.ClientId, credentials.ClientSecret, organizer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").GetProperty("organizerEmail").EnumerateArray()).GetString();
        Assert.Contains("Site Admin", error);
        Assert.DoesNotContain(credentials.ClientSecret, problem.ToString());
    }

    [Fact]
    public async Task Given_a_connected_org_whose_Integration_Service_User_loses_Site_Admin_when_verified_then_list_reads_are_reported_missing()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        var orgId = await _admin.CreateOrgAsync("Acme");
        Assert.Equal(HttpStatusCode.OK, (await Connect(orgId, credentials.ClientId, credentials.ClientSecret, organizer)).StatusCode);
        org.SetUserSiteAdmin(org.IntegrationServiceUserId!.Value, false);

        var response = await _admin.PostAsync($"/api/v1/orgs/{orgId}/greenhouse/verify", null);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        var siteAdmin = Assert.Single(report.GetProperty("permissions").EnumerateArray(), p => p.GetProperty("id").GetString() == "site_admin.list_reads");
        Assert.Equal("missing", siteAdmin.GetProperty("status").GetString());
        Assert.Contains("Site Admin", siteAdmin.GetProperty("detail").GetString());
        Assert.Contains("Site Admin", siteAdmin.GetProperty("howToGrant").GetString());
    }

    [Fact]
    public async Task Given_a_wrong_secret_or_no_client_id_then_connecting_is_refused_naming_the_field()
    {
        var (_, credentials, organizer) = GreenhouseOrg();
        var orgId = await _admin.CreateOrgAsync("Acme");

        var wrongSecret = await Connect(orgId, credentials.ClientId, "0123456789abcdef0123456789abcdef01234567", organizer);
        var noClientId = await Connect(orgId, null, credentials.ClientSecret, organizer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongSecret.StatusCode);
        var problem = await wrongSecret.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("invalid_client", problem.GetProperty("errors").GetProperty("clientSecret")[0].GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noClientId.StatusCode);
        Assert.True((await noClientId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("clientId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/orgs/{orgId}/greenhouse")).StatusCode);
    }

    [Fact]
    public async Task Given_a_rotated_secret_when_the_new_one_is_sent_then_only_the_secret_changes_and_the_old_tokens_are_not_reused()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        var orgId = await _admin.CreateOrgAsync("Acme");
        var first = await (await Connect(orgId, credentials.ClientId, credentials.ClientSecret, organizer)).Content.ReadFromJsonAsync<JsonElement>();
        var rotated = org.RotateV3Secret(credentials.ClientId, grace: TimeSpan.Zero);

        var response = await _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { clientSecret = rotated.ClientSecret });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(rotated.ClientSecret[^4..], view.GetProperty("credentialLast4").GetString());
        Assert.Equal("v3", view.GetProperty("apiVersion").GetString());
        Assert.Equal(first.GetProperty("organizer").GetProperty("userId").GetInt64(), view.GetProperty("organizer").GetProperty("userId").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("rotatedAt").ValueKind);
        Assert.Equal("valid", view.GetProperty("lastVerification").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Given_connect_verify_and_sync_then_no_log_line_and_no_response_contains_the_secret_or_an_access_token()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        var orgId = await _admin.CreateOrgAsync("Acme");
        var bodies = new List<string>
        {
            await (await Connect(orgId, credentials.ClientId, credentials.ClientSecret, organizer)).Content.ReadAsStringAsync(),
            await (await _admin.GetAsync($"/api/v1/orgs/{orgId}/greenhouse")).Content.ReadAsStringAsync(),
            await (await _admin.PostAsync($"/api/v1/orgs/{orgId}/greenhouse/verify", null)).Content.ReadAsStringAsync(),
            await (await _admin.PostAsJsonAsync($"/api/v1/orgs/{orgId}/sync", new { mode = "full" })).Content.ReadAsStringAsync(),
            await (await _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { clientSecret = "bad secret with spaces" })).Content.ReadAsStringAsync(),
        };
        await Task.Delay(1500); // let the sync run and log
        bodies.Add(await (await _admin.GetAsync($"/api/v1/orgs/{orgId}/sync")).Content.ReadAsStringAsync());
        var tokens = org.V3Tokens().Select(t => t.AccessToken).ToList();

        Assert.NotEmpty(tokens);
        Assert.NotEmpty(_logs.Lines);
        var secrets = tokens.Append(credentials.ClientSecret).ToList();
        Assert.All(bodies, body => Assert.All(secrets, secret => Assert.DoesNotContain(secret, body)));
        Assert.All(secrets, secret => Assert.DoesNotContain(_logs.Lines, line => line.Contains(secret, StringComparison.Ordinal)));
    }
}
