using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Planning;
using GemScheduling.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Planning;

/// <summary>Interviewers' calendar feeds are fetched from the public internet only, unless an operator allows private networks.</summary>
public sealed class CalendarFeedSpecs(ConnectedApi api) : IClassFixture<ConnectedApi>
{
    private const string Feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:f@test\r\nDTSTART:20270301T150000Z\r\nDTEND:20270301T160000Z\r\nSUMMARY:Busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.100.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void Given_an_address_then_only_public_unicast_ones_may_serve_a_feed(string address, bool allowed) =>
        Assert.Equal(allowed, GemScheduling.Boundaries.PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/cal.ics")]
    [InlineData("http://localhost/cal.ics")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/cal.ics")]
    public async Task Given_a_feed_url_on_a_private_address_when_set_then_it_is_refused_naming_icsUrl(string url)
    {
        var interviewer = api.Greenhouse.FindSchedulingTarget(60)!.InterviewerUserIds[0];

        var response = await api.Client.PutAsJsonAsync(api.Path($"interviewers/{interviewer}"), new { timeZone = "UTC", icsUrl = url });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("private", Assert.Single(problem.GetProperty("errors").GetProperty("icsUrl").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Given_a_host_name_that_resolves_to_loopback_when_the_feed_is_fetched_then_the_connection_is_refused()
    {
        await using var server = await FeedServerAsync();
        var reader = api.Api.Services.GetRequiredService<IcsFeedReader>();

        var (ics, problem) = await reader.ReadAsync($"http://localhost:{server.Port}/cal.ics", default);

        Assert.Null(ics);
        Assert.Contains("private or reserved", problem);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Given_private_feeds_allowed_by_the_operator_when_the_feed_is_fetched_then_it_is_read()
    {
        await using var server = await FeedServerAsync();
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Calendars:AllowPrivateFeeds"] = "true" });
        var reader = factory.Services.GetRequiredService<IcsFeedReader>();

        var (ics, problem) = await reader.ReadAsync($"http://localhost:{server.Port}/cal.ics", default);

        Assert.Null(problem);
        Assert.Equal(Feed, ics);
        Assert.Equal(1, server.Requests);
    }

    private static async Task<FeedServer> FeedServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FeedServer(app);
        app.MapGet("/cal.ics", () => { Interlocked.Increment(ref server.RequestCount); return Results.Text(Feed, "text/calendar"); });
        await app.StartAsync();
        return server;
    }

    private sealed class FeedServer(WebApplication app) : IAsyncDisposable
    {
        public int RequestCount;

        public int Requests => Volatile.Read(ref RequestCount);

        public int Port => new Uri(app.Urls.First()).Port;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
