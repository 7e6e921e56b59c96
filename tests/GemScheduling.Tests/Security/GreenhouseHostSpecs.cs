using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Harvest.Http;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;

namespace GemScheduling.Tests.Security;

/// <summary>
/// Which hosts GemScheduling calls is the operator's choice, never a tenant's: a stored secret goes only where it was
/// entered for, private addresses are unreachable by default, redirects and foreign paging links are not followed.
/// An "attacker's host" (<see cref="CaptureServer"/>) records anything that reaches it; it must see nothing.
/// </summary>
public sealed class GreenhouseHostSpecs : IAsyncLifetime
{
    private HarvestSandboxServer _sandbox = null!;
    private ApiFactory _sandboxedApi = null!;   // Greenhouse:AllowPrivateHosts, as for a sandbox
    private ApiFactory _defaultApi = null!;     // the operator's default: Greenhouse's own hosts only
    private readonly CaptureServer _attacker = new();

    public async Task InitializeAsync()
    {
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        _sandboxedApi = new ApiFactory();
        _defaultApi = new ApiFactory(settings: new Dictionary<string, string?> { ["Greenhouse:AllowPrivateHosts"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _sandboxedApi.DisposeAsync();
        await _defaultApi.DisposeAsync();
        await _sandbox.DisposeAsync();
        await _attacker.DisposeAsync();
    }

    private async Task<(HttpClient Admin, string OrgId, SandboxOrganization Greenhouse, object Request)> ConnectedAsync(string apiVersion, int seed)
    {
        var greenhouse = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = seed, Scale = DataScale.Demo with { Candidates = 10, Applications = 12 }, RateLimit = 1000 });
        greenhouse.SetV3RateLimit(1000);
        var request = GreenhouseConnect.Body(_sandbox, greenhouse, apiVersion);
        var admin = _sandboxedApi.ClientWith();
        var orgId = await admin.CreateOrgAsync("Acme");
        (await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", request)).EnsureSuccessStatusCode();
        return (admin, orgId, greenhouse, request);
    }

    [Theory]
    [InlineData("v1", "apiKey")]
    [InlineData("v3", "clientSecret")]
    public async Task Given_a_connected_org_when_a_put_changes_only_the_base_url_then_it_is_422_naming_the_secret_and_the_new_host_receives_nothing(
        string apiVersion, string secretField)
    {
        var (admin, orgId, _, _) = await ConnectedAsync(apiVersion, seed: 41);

        var moved = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { baseUrl = _attacker.Url.ToString() });
        var switched = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { apiVersion = apiVersion == "v1" ? "v3" : "v1", baseUrl = _attacker.Url.ToString() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, moved.StatusCode);
        Assert.Contains("where it was entered for", FieldError(await moved.Content.ReadFromJsonAsync<JsonElement>(), secretField));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, switched.StatusCode);
        var connection = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/greenhouse");
        Assert.Equal(_sandbox.BaseAddress.ToString(), connection.GetProperty("baseUrl").GetString());
        Assert.Equal(0, _attacker.Connections);
    }

    [Fact]
    public async Task Given_a_v3_org_when_a_put_changes_only_the_token_url_or_the_client_then_the_secret_is_asked_for_and_nothing_is_sent()
    {
        var (admin, orgId, _, _) = await ConnectedAsync("v3", seed: 43);

        var tokenUrl = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { tokenUrl = new Uri(_attacker.Url, "token").ToString() });
        var client = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { clientId = "someone_elses_client" });

        Assert.Contains("where it was entered for", FieldError(await tokenUrl.Content.ReadFromJsonAsync<JsonElement>(), "clientSecret"));
        Assert.Contains("where it was entered for", FieldError(await client.Content.ReadFromJsonAsync<JsonElement>(), "clientSecret"));
        Assert.Equal(0, _attacker.Connections);
    }

    [Theory]
    [InlineData("baseUrl", "http://127.0.0.1:{port}/")]
    [InlineData("baseUrl", "http://169.254.169.254/latest/meta-data/")]
    [InlineData("baseUrl", "https://10.1.2.3/")]
    [InlineData("baseUrl", "https://[::1]:{port}/")]
    [InlineData("baseUrl", "https://harvest.greenhouse.io.attacker.example/")]
    [InlineData("baseUrl", "http://harvest.greenhouse.io/")]
    [InlineData("baseUrl", "https://harvest.greenhouse.io:8443/")]
    [InlineData("baseUrl", "https://user:password@harvest.greenhouse.io/")]
    [InlineData("tokenUrl", "http://localhost:{port}/token")]
    [InlineData("tokenUrl", "https://auth.attacker.example/token")]
    public async Task Given_the_default_operator_policy_when_a_tenant_names_any_other_host_then_it_is_422_naming_the_field_and_nothing_is_sent(string field, string url)
    {
        var admin = _defaultApi.ClientWith();
        var orgId = await admin.CreateOrgAsync("Acme");
        var target = url.Replace("{port}", _attacker.Port.ToString());
        object body = field == "baseUrl"
            ? new { apiVersion = "v1", baseUrl = target, apiKey = "key", organizerEmail = "a@b.example" }
            : new { apiVersion = "v3", clientId = "client", clientSecret = "secret", tokenUrl = target, organizerEmail = "a@b.example" };

        var response = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(FieldError(await response.Content.ReadFromJsonAsync<JsonElement>(), field)));
        Assert.Equal(0, _attacker.Connections);
    }

    [Fact]
    public async Task Given_a_host_name_that_resolves_to_loopback_when_Greenhouse_calls_connect_then_the_address_is_refused_at_connect_time()
    {
        // Past the host list (as a listed name whose DNS was changed would be): the check on the address still holds.
        using var transport = new GreenhouseHostPolicy().CreateTransport();
        using var http = new HttpClient(transport);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://localhost:{_attacker.Port}/v1/users"));

        Assert.IsType<GemScheduling.Boundaries.AddressNotAllowedException>(failure.InnerException);
        Assert.Equal(0, _attacker.Connections);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v3")]
    public async Task Given_Greenhouse_answers_with_a_redirect_then_it_is_not_followed_and_the_connect_is_a_502(string apiVersion)
    {
        var greenhouse = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 45, Scale = DataScale.Demo with { Candidates = 10, Applications = 12 }, RateLimit = 1000 });
        greenhouse.AddFault(new FaultRule { Kind = FaultKind.Redirect, Endpoint = apiVersion == "v3" ? "harvest:users:list" : "users.list", Target = _attacker.Url.ToString() });
        var request = GreenhouseConnect.Body(_sandbox, greenhouse, apiVersion);
        var admin = _sandboxedApi.ClientWith();
        var orgId = await admin.CreateOrgAsync("Acme");

        var response = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", request);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidResponse", problem.GetProperty("greenhouse").GetProperty("failure").GetString());
        Assert.Contains("redirect", problem.GetProperty("greenhouse").GetProperty("message").GetString());
        Assert.Equal(0, _attacker.Connections);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v3")]
    public async Task Given_a_next_link_to_another_origin_when_syncing_then_it_is_not_followed_and_the_kind_fails_naming_why(string apiVersion)
    {
        var (admin, orgId, greenhouse, _) = await ConnectedAsync(apiVersion, seed: 47);
        await GreenhouseConnect.FinishedSyncAsync(admin, orgId);
        greenhouse.AddFault(new FaultRule { Kind = FaultKind.ForeignNextLink, Endpoint = apiVersion == "v3" ? "harvest:users:list" : "users.list", Target = _attacker.Url.ToString() });

        await admin.PostAsJsonAsync($"/api/v1/orgs/{orgId}/sync", new { mode = "full" });
        var status = await GreenhouseConnect.FinishedSyncAsync(admin, orgId);

        var users = status.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "Users");
        Assert.Equal("failed", users.GetProperty("state").GetString());
        Assert.Contains("paging link", users.GetProperty("lastError").GetString());
        Assert.Equal(0, _attacker.Connections);
    }

    private static string FieldError(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) ? messages[0].GetString()! : $"(no error for {field}: {problem})";
}
