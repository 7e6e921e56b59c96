using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Given_no_credentials_When_listing_jobs_Then_401_with_greenhouse_message()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, org.Url("v1/jobs"));

        using var response = await org.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid Basic Auth credentials", await Json.MessageAsync(response));
        Assert.NotNull(response.Value("X-RateLimit-Limit"));
        Assert.NotNull(response.Value("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Given_an_unknown_key_When_listing_jobs_Then_401()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync("v1/jobs", key: "not-a-real-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Given_a_revoked_key_When_listing_jobs_Then_401_while_other_keys_still_work()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var second = org.Org.CreateApiKey();
        Assert.True(org.Org.RevokeApiKey(second.Id));

        using var revoked = await org.GetAsync("v1/jobs", key: second.Key);
        using var active = await org.GetAsync("v1/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.True(org.Org.ApiKeys().Single(k => k.Id == second.Id).Revoked);
    }

    [Fact]
    public async Task Given_a_key_of_another_org_When_listing_Then_it_sees_only_its_own_org()
    {
        var first = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Seed = 1, RateLimit = null });
        var second = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Seed = 2, RateLimit = null, Scale = DataScale.Empty });

        var firstJobs = (await first.GetJsonAsync("v1/jobs")).AsArray();
        var secondJobs = (await second.GetJsonAsync("v1/jobs")).AsArray();

        Assert.NotEmpty(firstJobs);
        Assert.Empty(secondJobs);
    }

    [Fact]
    public async Task Given_a_basic_header_that_is_not_base64_When_calling_Then_401()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, org.Url("v1/jobs"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "%%%");

        using var response = await org.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Given_the_key_with_a_password_When_calling_Then_the_password_is_ignored()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, org.Url("v1/offices"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{org.Key}:whatever")));

        using var response = await org.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Given_a_get_with_a_body_When_listing_jobs_Then_403_as_documented_since_2025()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        using var request = org.Request(HttpMethod.Get, "v1/jobs", json: """{"status":"open"}""");

        using var response = await org.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("body", await Json.MessageAsync(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Given_an_unknown_path_When_calling_Then_404_resource_not_found()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync("v1/no_such_resource");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Resource not found", await Json.MessageAsync(response));
    }
}
