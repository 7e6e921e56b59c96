using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>The hostile-Greenhouse faults over v3 and the token endpoint, and through the admin HTTP surface.</summary>
public sealed class V3HostileGreenhouseTests
{
    private const long ThreeMiB = 3L * 1024 * 1024;

    [Fact]
    public async Task Given_huge_last_page_on_every_endpoint_When_listing_v3_Then_it_is_ignored_there_and_only_v1_lies()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.HugeLastPage });

        using var v3 = await org.GetAsync("v3/candidates?per_page=50", token);
        using var v1 = await org.V1.GetAsync("v1/candidates?per_page=50");

        var v3Links = Links.Parse(Links.Header(v3));
        Assert.Equal(["next"], v3Links.Keys);
        Assert.Equal(org.Server.BaseAddress.Authority, v3Links["next"].Authority);
        Assert.Equal(org.V1.Url("v1/candidates?page=2147483647&per_page=50"), Links.Parse(Links.Header(v1))["last"]);
        Assert.Equal("candidates.list", Assert.Single(org.Org.FaultLog()).Permission);
    }

    [Fact]
    public async Task Given_endless_next_on_v3_When_following_50_next_links_Then_each_is_a_fresh_valid_cursor_and_it_never_stops()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.EndlessNext, Endpoint = "harvest:jobs:list" });

        var seen = new HashSet<Uri>();
        var counts = new List<int>();
        var next = org.Url("v3/jobs?per_page=10");
        for (var i = 0; i <= 50; i++)
        {
            Assert.True(seen.Add(next), $"link {i} repeats {next}");
            using var response = await org.Http.SendAsync(V3Org.Request(HttpMethod.Get, next, token));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"page {i}: {(int)response.StatusCode} {text}");
            counts.Add(JsonNode.Parse(text)!.AsArray().Count);
            next = Links.Parse(Links.Header(response))["next"];
            Assert.Equal(org.Url("v3/jobs").AbsolutePath, next.AbsolutePath);
        }

        Assert.True(counts[0] > 0);
        Assert.All(counts.Skip(10), c => Assert.Equal(0, c));
        Assert.Equal(51, org.Org.FaultLog().Count);
    }

    [Fact]
    public async Task Given_foreign_next_link_on_v3_When_listing_Then_next_is_the_target_with_a_cursor_that_is_valid_at_home()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        var realSecond = (await org.ReadAllPagesAsync("v3/candidates?per_page=50")).Pages[1].Url;
        var expected = (await org.ListAsync(realSecond.PathAndQuery)).Ids();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.ForeignNextLink, Endpoint = "harvest:candidates:list", MaxOccurrences = 1 });
        org.Org.AddFault(new FaultRule { Kind = FaultKind.ForeignNextLink, Endpoint = "harvest:offices:list", Target = "https://evil.example/collect" });

        using var first = await org.GetAsync("v3/candidates?per_page=50", token);
        using var offices = await org.GetAsync("v3/offices", token);

        Assert.Equal(50, (await Json.ReadArrayAsync(first)).Count);
        var next = Links.Parse(Links.Header(first))["next"];
        Assert.StartsWith("http://169.254.169.254/latest/meta-data/?cursor=", next.AbsoluteUri);
        Assert.Equal(expected, (await org.ListAsync("v3/candidates" + next.Query)).Ids());
        Assert.StartsWith("https://evil.example/collect?cursor=", Links.Parse(Links.Header(offices))["next"].AbsoluteUri);
    }

    [Fact]
    public async Task Given_redirect_faults_When_listing_on_v3_and_asking_for_a_token_Then_both_answer_302_to_the_target()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Redirect, Endpoint = "harvest:users:list", Target = "https://elsewhere.example/v3/users" });
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Redirect, Endpoint = "auth.token", Target = "https://login.elsewhere.example/token" });
        using var noRedirects = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var list = await noRedirects.SendAsync(V3Org.Request(HttpMethod.Get, org.Url("v3/users"), token));
        using var tokenResponse = await noRedirects.SendAsync(org.TokenRequest());

        Assert.Equal((HttpStatusCode.Found, new Uri("https://elsewhere.example/v3/users")), (list.StatusCode, list.Headers.Location));
        Assert.Equal((HttpStatusCode.Found, new Uri("https://login.elsewhere.example/token")), (tokenResponse.StatusCode, tokenResponse.Headers.Location));
        Assert.Equal(["harvest:users:list", "auth.token"], org.Org.FaultLog().Select(f => f.Permission));
    }

    [Theory]
    [InlineData("v3", false)]
    [InlineData("token", true)]
    public async Task Given_a_huge_body_on_v3_or_the_token_endpoint_When_reading_it_all_Then_exactly_BodyBytes_arrive(string surface, bool chunked)
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(new FaultRule
        {
            Kind = FaultKind.HugeBody, Endpoint = surface == "v3" ? "harvest:*" : "auth.token", BodyBytes = ThreeMiB, ChunkedBody = chunked,
        });

        using var request = surface == "v3" ? V3Org.Request(HttpMethod.Get, org.Url("v3/applications"), token) : org.TokenRequest();
        using var response = await org.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var announced = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((chunked ? null : ThreeMiB, chunked), (announced, response.Headers.TransferEncodingChunked == true));
        Assert.Equal(ThreeMiB, body.LongLength);
        Assert.StartsWith("[{\"id\":1,", Encoding.UTF8.GetString(body, 0, 16));
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("token")]
    public async Task Given_invalid_json_on_v3_or_the_token_endpoint_When_calling_Then_200_json_that_does_not_parse(string surface)
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.InvalidJson, Endpoint = surface == "v3" ? "harvest:offices:list" : "auth.token" });

        using var response = surface == "v3" ? await org.GetAsync("v3/offices", token) : await org.Http.SendAsync(org.TokenRequest());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Given_an_oversized_page_on_v3_When_listing_20_per_page_Then_5000_distinct_copies_of_the_first_row_and_the_real_next_link()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        var real = (JsonObject)(await org.ListAsync("v3/candidates?per_page=20"))[0]!;
        org.Org.AddFault(new FaultRule { Kind = FaultKind.OversizedPage, Endpoint = "harvest:candidates:list", MaxOccurrences = 1 });

        using var response = await org.GetAsync("v3/candidates?per_page=20", token);
        var page = await Json.ReadArrayAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FaultRule.DefaultCount, page.Count);
        Assert.Equal(page.Count, page.Ids().Distinct().Count());
        Assert.All(page.Select(r => (JsonObject)r!), r => Assert.Equal(real.Select(p => p.Key), r.Select(p => p.Key)));
        Assert.Equal(real["first_name"]!.GetValue<string>(), page[4999]!["first_name"]!.GetValue<string>());
        Assert.Equal(20, (await org.ListAsync("v3/candidates" + Links.Parse(Links.Header(response))["next"].Query)).Count);
    }

    [Fact]
    public async Task Given_the_admin_HTTP_surface_When_adding_every_new_kind_with_its_parameters_Then_they_are_stored_shown_and_served()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(org.Server.AdminAddress, $"orgs/{org.Org.Id}/") };
        async Task<HttpResponseMessage> Post(string json) =>
            await http.PostAsync("faults", new StringContent(json, Encoding.UTF8, "application/json"));

        string[] bodies =
        [
            """{"kind":"huge_last_page","endpoint":"applications.list","max_occurrences":3}""",
            """{"kind":"endless_next","endpoint":"harvest:*","rate":0.5}""",
            """{"kind":"foreign_next_link","endpoint":"candidates.list","target":"https://evil.example/x"}""",
            """{"kind":"redirect","endpoint":"users.list","target":"https://elsewhere.example/users","max_occurrences":1}""",
            """{"kind":"huge_body","endpoint":"auth.token","body_bytes":1048576,"chunked_body":true}""",
            """{"kind":"invalid_json","endpoint":"offices.list"}""",
            """{"kind":"oversized_page","endpoint":"jobs.list","count":600}""",
        ];
        foreach (var body in bodies)
        {
            using var created = await Post(body);
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{body}: {await created.Content.ReadAsStringAsync()}");
        }

        using var noTarget = await Post("""{"kind":"redirect","endpoint":"users.list"}""");
        using var badCount = await Post("""{"kind":"oversized_page","count":0}""");
        using var badEndpoint = await Post("""{"kind":"endless_next","endpoint":"auth.token"}""");
        var rules = (await http.GetFromJsonNodeAsync("faults")).AsArray();
        using var redirected = await http.SendAsync(org.Request(HttpMethod.Get, "v1/users"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], new[] { noTarget.StatusCode, badCount.StatusCode, badEndpoint.StatusCode });
        Assert.Equal(["huge_last_page", "endless_next", "foreign_next_link", "redirect", "huge_body", "invalid_json", "oversized_page"],
            rules.Select(r => r!["kind"]!.GetValue<string>()));
        Assert.Equal("https://evil.example/x", rules[2]!["target"]!.GetValue<string>());
        Assert.Equal((1048576L, true), (rules[4]!["body_bytes"]!.GetValue<long>(), rules[4]!["chunked_body"]!.GetValue<bool>()));
        Assert.Equal(600, rules[6]!["count"]!.GetValue<int>());
        Assert.Equal((HttpStatusCode.Found, "https://elsewhere.example/users"), (redirected.StatusCode, redirected.Headers.Location?.AbsoluteUri));
        Assert.Equal(600, (await org.GetJsonAsync("v1/jobs")).AsArray().Count);
    }

    [Fact]
    public void Given_every_fault_kind_When_naming_it_Then_the_admin_name_is_its_json_name_and_parses_back()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };

        Assert.All(Enum.GetValues<FaultKind>(), kind =>
        {
            var name = FaultRule.KindName(kind);
            Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(kind, options));
            Assert.True(FaultRule.TryParseKind(name, out var parsed));
            Assert.Equal(kind, parsed);
        });
    }
}

internal static class AdminHttp
{
    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
