using System.Net;
using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Pages;

/// <summary>A console page's live stream lasts minutes; revoking the session's token ends it within seconds, as it ends every other request.</summary>
public sealed partial class ConsoleLiveSessionSpecs(CandidatePagesApi api) : IClassFixture<CandidatePagesApi>
{
    [Fact]
    public async Task Given_an_open_live_stream_when_the_sessions_token_is_revoked_then_the_stream_ends_and_cannot_reopen()
    {
        var token = await api.RoleTokenAsync("coordinator");
        var browser = api.Api.CreateClient(); // keeps cookies, as a browser would
        var form = FormToken().Match(await browser.GetStringAsync("/sign-in")).Groups[1].Value;
        var signedIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent([new("token", token), new("__form", form), new("returnUrl", "/console")]));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var stream = await browser.GetAsync("/console/events", HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.StartsWith("event: changed", await reader.ReadLineAsync());

        var revoked = await api.Api.ClientWith().DeleteAsync(api.Path($"tokens/{token.Split('.')[2]}"));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync(patience.Token) is not null)
            {
            }
        });

        await ended; // throws if the stream was still open after 30 s
        var reopened = await browser.GetAsync("/console/events");
        Assert.True(reopened.StatusCode == HttpStatusCode.Unauthorized || reopened.RequestMessage!.RequestUri!.AbsolutePath == "/sign-in",
            $"reopened: {(int)reopened.StatusCode} at {reopened.RequestMessage!.RequestUri}");
    }

    [GeneratedRegex("name=\"__form\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
