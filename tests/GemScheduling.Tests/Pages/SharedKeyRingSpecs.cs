using System.Text.RegularExpressions;
using GemScheduling.Tests.Infrastructure;
using Npgsql;

namespace GemScheduling.Tests.Pages;

/// <summary>
/// Behind a round-robin load balancer a form rendered by one replica is posted to another: the data-protection key
/// ring that signs anti-forgery tokens (and, later, session cookies) is the cluster's, kept in PostgreSQL and encrypted
/// with the master key.
/// </summary>
public sealed partial class SharedKeyRingSpecs(ConnectedApiOnPostgres api) : IClassFixture<ConnectedApiOnPostgres>
{
    [Fact]
    public async Task Given_a_candidate_page_rendered_by_one_replica_when_it_is_sent_to_another_then_the_second_accepts_its_form_token()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 7 + 3)!;
        var link = await api.IssueLinkAsync(target.ApplicationId);
        await using var second = new ApiFactory(api.DatabaseConnectionString);
        var first = api.Api.CreateClient(new() { HandleCookies = false });
        var page = await first.GetAsync(link.PagePath);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = FormToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var day = DateTime.UtcNow.Date.AddDays(3).ToString("yyyy-MM-dd");

        using var send = new HttpRequestMessage(HttpMethod.Post, link.PagePath)
        {
            Content = new FormUrlEncodedContent([new("tz", "UTC"), new("w", $"{day}T09:00:00Z/{day}T10:00:00Z"), new("action", "send"), new("__form", token)]),
        };
        send.Headers.Add("Cookie", cookie);
        var sent = await second.CreateClient(new() { HandleCookies = false }).SendAsync(send);

        Assert.Contains("Thank you", await sent.Content.ReadAsStringAsync()); // rendered only once the application grain stored the times
        Assert.Equal(System.Net.HttpStatusCode.OK, sent.StatusCode);
        await using var database = new NpgsqlConnection(api.DatabaseConnectionString);
        await database.OpenAsync();
        await using var keys = new NpgsqlCommand("SELECT xml FROM data_protection_keys", database);
        var stored = (string)(await keys.ExecuteScalarAsync())!;
        Assert.Contains("encryptedKey", stored);
        Assert.DoesNotContain("masterKey", stored); // the key material itself is not in the database in the clear
    }

    [GeneratedRegex("name=\"__form\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
