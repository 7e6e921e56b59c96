using GemScheduling.Emails;
using GemScheduling.Persistence.Emails;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.SelfScheduling;

/// <summary>Through SMTP the candidate gets their manage link; the sent-email log (which the API lists) keeps the body without it.</summary>
public sealed class ManageLinkDeliverySpecs
{
    [Fact]
    public async Task Given_an_email_carrying_a_manage_link_when_it_goes_out_through_SMTP_then_the_recipient_gets_the_link_and_the_log_does_not()
    {
        var server = new FakeSmtpServer().Start();
        var log = new InMemorySentEmailLog();
        var delivery = new EmailDelivery(log, new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = server.Port, SmtpUseTls = false },
            TimeProvider.System);
        const string link = "https://scheduling.example.com/booking/eyJPIjoib3JnX3gifQ.c2lnbmF0dXJl";
        var stored = $"Booked.\n\nTo cancel: {ScheduleTexts.ManageLinkMarker}#cancel\n\n[GemScheduling ref eml_1]";
        var email = new EmailMessage("eml_1", "scheduled", "candidate@example.com", "recruiter@example.com", [], "Your interview",
            stored.Replace(ScheduleTexts.ManageLinkMarker, link), null);

        var sent = await delivery.SendAsync("org_x", "sch_x", 1, 2, email, CancellationToken.None, ScheduleTexts.WithoutManageLink(stored));
        await server.StopAsync();

        Assert.Contains(link + "#cancel", server.Data.ToString().Replace("=\r\n", "").Replace("=3D", "="));
        Assert.Equal("Booked.\n\nTo cancel: (the candidate's own link, left out of this log)\n\n[GemScheduling ref eml_1]", sent.Body);
        Assert.DoesNotContain("eyJ", (await log.GetAsync("org_x", "eml_1"))!.Body);
    }
}
