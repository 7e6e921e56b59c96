using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using Npgsql;

namespace GemScheduling.Emails;

/// <summary>Whether a failed candidate email is worth sending again later (the outbox's normal try limit still applies).</summary>
public static class EmailFailures
{
    /// <summary>True for a failure that may pass (the server or the network, the database); false for one that will not.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        // 5xx is the server's "no" to this message (unknown mailbox, refused sender); 4xx is "not now".
        SmtpCommandException command => (int)command.StatusCode < 500,
        SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException => true,
        MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or NotSupportedException => true, // an operator can fix these in time (credentials, certificates, a server without STARTTLS)
        ParseException or FormatException => false,                                                 // an address that will never parse
        PostgresException postgres => !(postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal)),
        NpgsqlException or SocketException or IOException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };
}
