using GemScheduling.Persistence.Emails;
using GemScheduling.Schedules;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace GemScheduling.Emails;

/// <summary>
/// Sends a candidate email at most once per email id. Through SMTP the sent-email log is checked first and written right
/// after sending, so a crash between the two can repeat one send (the Message-ID is the email id, so mail systems can
/// tell). Into the local outbox the log's insert, once per id, is the whole send, so it cannot.
/// </summary>
public sealed class EmailDelivery(ISentEmailLog log, EmailOptions options, TimeProvider time)
{
    public string Transport => options.UsesSmtp ? "smtp" : "local-outbox";

    /// <param name="loggedBody">
    /// What the sent-email log keeps of a body that carries a secret meant for its recipient only (a manage link). Through
    /// SMTP the log keeps this; into the local outbox the log is the mailbox itself, so it keeps what was sent.
    /// </param>
    public async Task<SentEmail> SendAsync(string orgId, string scheduleId, long applicationId, long candidateId, EmailMessage email, CancellationToken cancellationToken,
        string? loggedBody = null)
    {
        if (options.UsesSmtp)
        {
            if (await log.GetAsync(orgId, email.EmailId, cancellationToken) is { } alreadySent)
                return alreadySent;
            await SendSmtpAsync(email, cancellationToken);
        }

        var sent = new SentEmail(orgId, email.EmailId, scheduleId, applicationId, candidateId, email.Kind, email.To, email.From, email.Cc,
            email.Subject, options.UsesSmtp ? loggedBody ?? email.Body : email.Body, email.Ics, Transport, time.GetUtcNow());
        if (await log.RecordAsync(sent, cancellationToken))
            return sent;
        return await log.GetAsync(orgId, email.EmailId, cancellationToken) ?? sent;
    }

    private async Task SendSmtpAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = email.Subject, MessageId = $"{email.EmailId}@gemscheduling" };
        message.From.Add(MailboxAddress.Parse(email.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        foreach (var cc in email.Cc)
            message.Cc.Add(MailboxAddress.Parse(cc));
        var body = new BodyBuilder { TextBody = email.Body };
        if (email.Ics is not null)
            body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(email.Ics), new ContentType("text", "calendar")
            {
                Parameters = { { "method", email.Method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST" } },
            });
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        // With TLS on, TLS is required: implicit on 465, STARTTLS elsewhere. "When available" would let anyone on the path
        // strip STARTTLS and read the credentials and the candidate's email.
        var tls = !options.SmtpUseTls ? SecureSocketOptions.None : options.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, tls, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
