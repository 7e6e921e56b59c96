using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>The faults that make the sandbox a hostile or broken Greenhouse, over v1/v2.</summary>
public sealed class HostileGreenhouseTests
{
    private const long ThreeMiB = 3L * 1024 * 1024;

    [Fact]
    public async Task Given_huge_last_page_When_listing_Then_the_real_page_comes_with_a_next_link_and_last_page_2147483647()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var real = (await org.GetJsonAsync("v1/applications?per_page=25")).AsArray().Ids();
        Uri lastReal;
        using (var before = await org.GetAsync("v1/applications?per_page=25"))
        {
            lastReal = Links.Parse(Links.Header(before))["last"];
        }

        org.Org.AddFault(new FaultRule { Kind = FaultKind.HugeLastPage, Endpoint = "applications.list" });

        using var first = await org.GetAsync("v1/applications?per_page=25");
        using var end = await org.GetAsync(lastReal.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(real, (await Json.ReadArrayAsync(first)).Ids());
        var links = Links.Parse(Links.Header(first));
        Assert.Equal(org.Url("v1/applications?page=2&per_page=25"), links["next"]);
        Assert.Equal(org.Url("v1/applications?page=2147483647&per_page=25"), links["last"]);
        var endLinks = Links.Parse(Links.Header(end));
        Assert.Equal(org.Url("v1/applications?page=13&per_page=25"), endLinks["next"]);
        Assert.Equal(org.Url("v1/applications?page=2147483647&per_page=25"), endLinks["last"]);
        Assert.Equal(2, org.Org.FaultLog().Count(f => f.Kind == FaultKind.HugeLastPage));
        Assert.Equal("huge_last_page", org.Org.CallLog()[^1].Fault);
    }

    [Fact]
    public async Task Given_endless_next_When_following_50_next_links_Then_each_is_a_new_page_past_the_data_and_never_stops()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.EndlessNext, Endpoint = "jobs.list" });

        var seen = new HashSet<Uri>();
        var counts = new List<int>();
        var next = org.Url("v1/jobs?per_page=10");
        for (var i = 0; i <= 50; i++)
        {
            Assert.True(seen.Add(next), $"link {i} repeats {next}");
            using var response = await org.GetAsync(next.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add((await Json.ReadArrayAsync(response)).Count);
            next = Links.Parse(Links.Header(response))["next"];
        }

        Assert.Equal(org.Url("v1/jobs?page=52&per_page=10"), next);
        Assert.True(counts[0] > 0);
        Assert.All(counts.Skip(10), c => Assert.Equal(0, c));
        Assert.Equal(51, org.Org.Counters().FaultsServed);
    }

    [Fact]
    public async Task Given_foreign_next_link_When_listing_Then_next_and_last_point_at_the_target_and_prev_stays_home()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.ForeignNextLink, Endpoint = "candidates.list", MaxOccurrences = 1 });
        org.Org.AddFault(new FaultRule { Kind = FaultKind.ForeignNextLink, Endpoint = "jobs.list", Target = "https://evil.example/steal?from=sandbox" });

        using var candidates = await org.GetAsync("v1/candidates?page=2&per_page=50");
        using var jobs = await org.GetAsync("v1/jobs");

        Assert.Equal(50, (await Json.ReadArrayAsync(candidates)).Count);
        var links = Links.Parse(Links.Header(candidates));
        Assert.Equal(new Uri("http://169.254.169.254/latest/meta-data/?page=3&per_page=50"), links["next"]);
        Assert.Equal(new Uri("http://169.254.169.254/latest/meta-data/?page=4&per_page=50"), links["last"]);
        Assert.Equal(org.Url("v1/candidates?page=1&per_page=50"), links["prev"]);
        Assert.NotEmpty(await Json.ReadArrayAsync(jobs));
        Assert.Equal(new Uri("https://evil.example/steal?from=sandbox&page=2&per_page=100"), Links.Parse(Links.Header(jobs))["next"]);
    }

    [Fact]
    public async Task Given_a_redirect_fault_When_calling_even_with_a_key_lacking_the_permission_Then_302_to_the_target_before_auth()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var narrowKey = org.Org.CreateApiKey(["offices.list"]).Key;
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Redirect, Endpoint = "users.list", Target = "https://elsewhere.example/v1/users", MaxOccurrences = 1 });
        using var noRedirects = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var redirected = await noRedirects.SendAsync(org.Request(HttpMethod.Get, "v1/users", key: narrowKey));
        using var afterwards = await noRedirects.SendAsync(org.Request(HttpMethod.Get, "v1/users", key: narrowKey));

        Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
        Assert.Equal(new Uri("https://elsewhere.example/v1/users"), redirected.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
        Assert.Equal(("redirect", 302), (org.Org.CallLog()[0].Fault, org.Org.CallLog()[0].Status));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Given_a_huge_body_When_reading_it_all_Then_exactly_BodyBytes_of_json_looking_array_arrive_with_or_without_content_length(bool chunked)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.HugeBody, Endpoint = "candidates.list", BodyBytes = ThreeMiB, ChunkedBody = chunked });

        using var response = await org.Http.SendAsync(org.Request(HttpMethod.Get, "v1/candidates"), HttpCompletionOption.ResponseHeadersRead);
        var announced = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(chunked ? null : ThreeMiB, announced);
        Assert.Equal(chunked, response.Headers.TransferEncodingChunked == true);
        Assert.Equal(ThreeMiB, body.LongLength);
        Assert.StartsWith("[{\"id\":1,\"name\":", System.Text.Encoding.UTF8.GetString(body, 0, 64));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Given_a_50_MiB_huge_body_When_the_client_aborts_after_1_MiB_Then_the_server_stops_at_once(bool chunked)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.HugeBody, Endpoint = "users.list", ChunkedBody = chunked });
        var watch = Stopwatch.StartNew();

        using (var client = new HttpClient())
        using (var response = await client.SendAsync(org.Request(HttpMethod.Get, "v1/users"), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(chunked ? null : FaultRule.DefaultBodyBytes, response.Content.Headers.ContentLength);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            for (long read = 0; read < 1024 * 1024;)
            {
                var n = await stream.ReadAsync(buffer);
                Assert.True(n > 0, "the body ended early");
                read += n;
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (org.Org.CallLog().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var call = Assert.Single(org.Org.CallLog());
        Assert.Equal((0, "huge_body"), (call.Status, call.Fault));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task Given_invalid_json_When_listing_Then_200_application_json_whose_body_does_not_parse()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.InvalidJson, Endpoint = "offices.list", MaxOccurrences = 1 });

        using var response = await org.GetAsync("v1/offices");
        var text = await response.Content.ReadAsStringAsync();
        using var next = await org.GetAsync("v1/offices");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[{\"id\": 1, \"name\": \"x\"", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.NotEmpty(await Json.ReadArrayAsync(next));
    }

    [Fact]
    public async Task Given_an_oversized_page_When_listing_25_per_page_Then_5000_copies_of_the_first_record_with_new_ids_and_the_real_links()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var real = (JsonObject)(await org.GetJsonAsync("v1/applications?per_page=25")).AsArray()[0]!;
        org.Org.AddFault(new FaultRule { Kind = FaultKind.OversizedPage, Endpoint = "applications.list", MaxOccurrences = 1 });
        org.Org.AddFault(new FaultRule { Kind = FaultKind.OversizedPage, Endpoint = "offices.list", Count = 700 });

        using var response = await org.GetAsync("v1/applications?per_page=25");
        var page = await Json.ReadArrayAsync(response);
        var offices = (await org.GetJsonAsync("v1/offices?per_page=1&page=9999")).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FaultRule.DefaultCount, page.Count);
        Assert.Equal(page.Count, page.Ids().Distinct().Count());
        Assert.DoesNotContain(real.Id(), page.Ids());
        Assert.All(page.Select(r => (JsonObject)r!), r =>
        {
            Assert.Equal(real.Select(p => p.Key), r.Select(p => p.Key));
            Assert.True(JsonNode.DeepEquals(real["candidate_id"], r["candidate_id"]) && JsonNode.DeepEquals(real["applied_at"], r["applied_at"]));
        });
        Assert.Equal(org.Url("v1/applications?page=2&per_page=25"), Links.Parse(Links.Header(response))["next"]);
        Assert.Equal(700, offices.Count);
        Assert.NotNull(offices[0]!["name"]);
    }

    [Fact]
    public async Task Given_page_faults_When_a_request_is_refused_Then_it_neither_sees_nor_consumes_them()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var narrowKey = org.Org.CreateApiKey(["offices.list"]).Key;
        org.Org.AddFault(new FaultRule { Kind = FaultKind.EndlessNext, Endpoint = "jobs.list", MaxOccurrences = 1 });

        using var unprocessable = await org.GetAsync("v1/jobs?per_page=abc");
        using var forbidden = await org.GetAsync("v1/jobs", narrowKey);
        using var served = await org.GetAsync("v1/jobs");
        using var after = await org.GetAsync("v1/jobs");

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.Forbidden], new[] { unprocessable.StatusCode, forbidden.StatusCode });
        Assert.False(unprocessable.Headers.Contains("Link"));
        Assert.Equal(org.Url("v1/jobs?page=2&per_page=100"), Links.Parse(Links.Header(served))["next"]);
        Assert.Null(Links.Header(after));
        Assert.Equal([null, null, "endless_next", null], org.Org.CallLog().Select(c => c.Fault));
    }

    [Fact]
    public async Task Given_a_50_percent_page_fault_and_the_same_seed_When_replaying_Then_the_same_pages_lie()
    {
        async Task<List<bool>> Run()
        {
            var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Seed = 4242, RateLimit = null });
            org.Org.AddFault(new FaultRule { Kind = FaultKind.EndlessNext, Endpoint = "jobs.list", Rate = 0.5 });
            var lied = new List<bool>();
            for (var i = 0; i < 24; i++)
            {
                using var response = await org.GetAsync("v1/jobs");
                lied.Add(Links.Header(response) is not null);
            }

            return lied;
        }

        var first = await Run();

        Assert.Equal(first, await Run());
        Assert.InRange(first.Count(l => l), 4, 20);
    }

    [Fact]
    public async Task Given_bad_parameters_When_adding_the_new_kinds_Then_each_is_refused()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.Redirect, Endpoint = "jobs.list" }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.Redirect, Target = "/v1/jobs" }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.ForeignNextLink, Target = "ftp://files.example/" }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.HugeBody, BodyBytes = 0 }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.OversizedPage, Count = 0 }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.EndlessNext, Endpoint = "scheduled_interviews.create" }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.OversizedPage, Endpoint = "auth.token" }));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(new FaultRule { Kind = FaultKind.HugeLastPage, Endpoint = "harvest:jobs:list" }));
        Assert.Empty(org.Org.FaultRules());
    }
}
