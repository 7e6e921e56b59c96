using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GemScheduling.HarvestSandbox.Tests.Support;

/// <summary>
/// An organization with a Harvest v3 OAuth client, plus plain-HttpClient helpers: token requests to
/// <c>/auth/token</c> and Bearer calls to <c>/v3/...</c>. <see cref="V1"/> calls the same org through v1/v2.
/// </summary>
public sealed class V3Org
{
    private readonly Dictionary<long, string> _tokens = [];
    private string? _serviceToken;

    private V3Org(TestOrg v1, SandboxV3Credentials credentials)
    {
        V1 = v1;
        Credentials = credentials;
    }

    public TestOrg V1 { get; }

    public SandboxOrganization Org => V1.Org;

    public HarvestSandboxServer Server => V1.Server;

    public SandboxV3Credentials Credentials { get; }

    public HttpClient Http => V1.Http;

    public static async Task<V3Org> CreateAsync(OrganizationOptions? options = null, IEnumerable<string>? scopes = null)
    {
        var server = await SharedSandbox.GetAsync();
        return Create(server, options ?? new OrganizationOptions { RateLimit = null, V3 = new HarvestV3Options { RateLimit = null } }, scopes);
    }

    public static V3Org Create(HarvestSandboxServer server, OrganizationOptions options, IEnumerable<string>? scopes = null)
    {
        var v1 = TestOrg.Create(server, options);
        return new V3Org(v1, v1.Org.CreateV3Credentials(scopes));
    }

    /// <summary>An enabled Site Admin who is not the service account.</summary>
    public long SiteAdminId => Org.ListUsers().First(u => u is { SiteAdmin: true, Disabled: false }).Id;

    /// <summary>Adds an enabled user (by default not a Site Admin, allowed to manage applications).</summary>
    public long AddUser(bool siteAdmin = false, bool canManageApplications = true)
    {
        var n = Interlocked.Increment(ref _users);
        return Org.AddUser(new NewUser
        {
            FirstName = "Test",
            LastName = $"User{n}",
            Email = $"test.user{n}.{Guid.NewGuid():N}@v3.example",
            EmployeeId = $"T{n:0000}-{Guid.NewGuid():N}",
            SiteAdmin = siteAdmin,
            CanManageApplications = canManageApplications,
        });
    }

    private static int _users;

    public static string I(long id) => id.ToString(CultureInfo.InvariantCulture);

    public HttpRequestMessage TokenRequest(long? sub = null, string? clientId = null, string? secret = null, string grantType = "client_credentials")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Server.TokenEndpoint);
        request.Headers.Authorization = Basic(clientId ?? Credentials.ClientId, secret ?? Credentials.ClientSecret);
        var form = new List<KeyValuePair<string, string>> { new("grant_type", grantType) };
        if (sub is { } s)
        {
            form.Add(new("sub", I(s)));
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));

    /// <summary>A fresh access token (200 asserted) for <paramref name="sub"/> (null: the Integration Service User).</summary>
    public async Task<string> NewTokenAsync(long? sub = null, string? clientId = null, string? secret = null)
    {
        using var response = await Http.SendAsync(TokenRequest(sub, clientId, secret));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token request: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["access_token"]!.GetValue<string>();
    }

    /// <summary>A cached token for <paramref name="sub"/> (null: the Integration Service User, a Site Admin).</summary>
    public async Task<string> TokenAsync(long? sub = null)
    {
        if (sub is null)
        {
            return _serviceToken ??= await NewTokenAsync();
        }

        if (!_tokens.TryGetValue(sub.Value, out var token))
        {
            _tokens[sub.Value] = token = await NewTokenAsync(sub);
        }

        return token;
    }

    public Uri Url(string pathAndQuery) => new(Server.BaseAddress, pathAndQuery.TrimStart('/'));

    public static HttpRequestMessage Request(HttpMethod method, Uri url, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? json = null, string? token = null, long? sub = null) =>
        await Http.SendAsync(Request(method, Url(pathAndQuery), token ?? await TokenAsync(sub), json));

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? token = null, long? sub = null) =>
        SendAsync(HttpMethod.Get, pathAndQuery, token: token, sub: sub);

    public Task<HttpResponseMessage> PostAsync(string path, string json, string? token = null, long? sub = null) =>
        SendAsync(HttpMethod.Post, path, json, token, sub);

    public Task<HttpResponseMessage> PatchAsync(string path, string json, string? token = null, long? sub = null) =>
        SendAsync(HttpMethod.Patch, path, json, token, sub);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? token = null, long? sub = null) =>
        SendAsync(HttpMethod.Delete, path, token: token, sub: sub);

    /// <summary>GET, assert 200, return the JSON array.</summary>
    public async Task<JsonArray> ListAsync(string pathAndQuery, long? sub = null)
    {
        using var response = await GetAsync(pathAndQuery, sub: sub);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {pathAndQuery}: {(int)response.StatusCode} {text}");
        return (JsonArray)JsonNode.Parse(text)!;
    }

    /// <summary>Follows rel="next" exactly as given; returns every row and every page's URL and Link header.</summary>
    public async Task<(List<JsonNode> Items, List<(Uri Url, string? Link, int Count)> Pages)> ReadAllPagesAsync(string firstPathAndQuery, long? sub = null)
    {
        var token = await TokenAsync(sub);
        var items = new List<JsonNode>();
        var pages = new List<(Uri, string?, int)>();
        Uri? next = Url(firstPathAndQuery);
        while (next is not null)
        {
            using var response = await Http.SendAsync(Request(HttpMethod.Get, next, token));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {next}: {(int)response.StatusCode} {text}");
            var link = Links.Header(response);
            var rows = (JsonArray)JsonNode.Parse(text)!;
            pages.Add((next, link, rows.Count));
            items.AddRange(rows.Select(n => n!));
            next = Links.Parse(link).TryGetValue("next", out var url) ? url : null;
            Assert.True(pages.Count < 1000, "runaway paging");
        }

        return (items, pages);
    }

    /// <summary>A valid POST /v3/interviews body for a scheduling target.</summary>
    public static string CreateInterviewBody(SampleIds ids, string externalEventId = "evt-v3", string startsAt = "2030-02-04T15:00:00Z", string endsAt = "2030-02-04T16:00:00Z") =>
        $$"""
        {"application_id":{{ids.ApplicationId}},"job_interview_id":{{ids.StepId}},"starts_at":"{{startsAt}}","ends_at":"{{endsAt}}",
         "external_event_id":"{{externalEventId}}","location":"Room 7","video_conferencing_url":"https://meet.example/v3",
         "interviewers":[{"user_id":{{ids.InterviewerId}},"response_status":"accepted"},{"email":"outside.v3@elsewhere.example","response_status":"needs_action"}]}
        """;
}
