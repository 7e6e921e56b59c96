using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GemScheduling.HarvestSandbox.Tests.Support;

/// <summary>An organization in a running sandbox plus plain-HttpClient helpers to call Harvest with its key.</summary>
public sealed class TestOrg
{
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private TestOrg(HarvestSandboxServer server, SandboxOrganization org, string key)
    {
        Server = server;
        Org = org;
        Key = key;
    }

    public HarvestSandboxServer Server { get; }

    public SandboxOrganization Org { get; }

    public string Key { get; }

    public HttpClient Http => SharedHttp;

    public static TestOrg Create(HarvestSandboxServer server, OrganizationOptions options, IEnumerable<string>? permissions = null)
    {
        var org = server.State.CreateOrganization(options);
        return new TestOrg(server, org, org.CreateApiKey(permissions).Key);
    }

    public Uri Url(string pathAndQuery) => new(Server.BaseAddress, pathAndQuery.TrimStart('/'));

    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, string? json = null, long? onBehalfOf = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, Url(pathAndQuery));
        request.Headers.Authorization = BasicAuth(key ?? Key);
        if (onBehalfOf is { } obo)
        {
            request.Headers.Add("On-Behalf-Of", obo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static AuthenticationHeaderValue BasicAuth(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:")));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct = default) => Http.SendAsync(request, ct);

    /// <summary>
    /// Sends on a brand-new connection. Needed where the server drops the connection: SocketsHttpHandler silently
    /// retries a request that failed on a reused pooled connection.
    /// </summary>
    public async Task<HttpResponseMessage> SendOnNewConnectionAsync(HttpRequestMessage request)
    {
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? key = null) =>
        SendAsync(Request(HttpMethod.Get, pathAndQuery, key: key));

    public Task<HttpResponseMessage> PostAsync(string path, string json, long? onBehalfOf) =>
        SendAsync(Request(HttpMethod.Post, path, json, onBehalfOf));

    public Task<HttpResponseMessage> PatchAsync(string path, string json, long? onBehalfOf) =>
        SendAsync(Request(HttpMethod.Patch, path, json, onBehalfOf));

    public Task<HttpResponseMessage> DeleteAsync(string path, long? onBehalfOf) =>
        SendAsync(Request(HttpMethod.Delete, path, onBehalfOf: onBehalfOf));

    public async Task<JsonNode> GetJsonAsync(string pathAndQuery)
    {
        using var response = await GetAsync(pathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await Json.ReadAsync(response))!;
    }

    /// <summary>Follows rel="next" exactly as given and returns every item and every page's response.</summary>
    public async Task<(List<JsonNode> Items, List<(Uri Url, string? Link)> Pages)> ReadAllPagesAsync(string firstPathAndQuery)
    {
        var items = new List<JsonNode>();
        var pages = new List<(Uri, string?)>();
        Uri? next = Url(firstPathAndQuery);
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = BasicAuth(Key);
            using var response = await Http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var link = Links.Header(response);
            pages.Add((next, link));
            items.AddRange(((JsonArray)(await Json.ReadAsync(response))!).Select(n => n!));
            next = Links.Parse(link).TryGetValue("next", out var url) ? url : null;
            Assert.True(pages.Count < 1000, "runaway paging");
        }

        return (items, pages);
    }
}
