using System.Text.Json;
using GemScheduling.Emails;
using GemScheduling.Persistence.Emails;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GemScheduling.Tests.Security;

/// <summary>Smaller guarantees at the edges: SMTP never falls back to clear text, and large ids survive JavaScript.</summary>
public sealed class BoundaryDetailSpecs
{
    [Fact]
    public async Task Given_TLS_and_an_SMTP_server_that_offers_no_STARTTLS_then_nothing_is_sent_in_clear_and_the_failure_is_retried()
    {
        var server = new FakeSmtpServer("250-mail.example\r\n250 AUTH PLAIN LOGIN").Start();
        var options = new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = server.Port, SmtpUser = "user", SmtpPassword = "secret", SmtpUseTls = true };
        var delivery = new EmailDelivery(new InMemorySentEmailLog(), options, TimeProvider.System);
        var email = new EmailMessage("eml_1", "scheduled", "candidate@example.com", "recruiter@example.com", [], "Your interview", "Body", null);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => delivery.SendAsync("org_x", "sch_x", 1, 2, email, CancellationToken.None));
        await server.StopAsync();

        Assert.True(EmailFailures.IsTransient(failure), failure.ToString());
        Assert.DoesNotContain("AUTH", server.Heard.ToString());
        Assert.DoesNotContain("MAIL FROM", server.Heard.ToString());
    }

    [Fact]
    public async Task Given_ids_beyond_what_JavaScript_keeps_exactly_then_they_are_written_as_strings_and_read_either_way()
    {
        await using var api = new ApiFactory();
        var json = api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        const long safe = 13_224_851_007, beyond = 9_007_199_254_740_993;

        var written = JsonSerializer.Serialize(new { safe, beyond, nothing = (long?)null }, json);
        var read = JsonSerializer.Deserialize<Ids>("""{"safe":13224851007,"beyond":"9007199254740993","nothing":null}""", json)!;

        Assert.Equal("""{"safe":13224851007,"beyond":"9007199254740993","nothing":null}""", written);
        Assert.Equal(new Ids(safe, beyond, null), read);
    }

    private sealed record Ids(long Safe, long Beyond, long? Nothing);
}
