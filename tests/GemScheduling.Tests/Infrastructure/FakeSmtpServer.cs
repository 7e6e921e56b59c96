using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// One SMTP conversation on a loopback port: it says what <paramref name="ehloReply"/> offers, accepts every command, and
/// keeps the commands it heard and the message it was given.
/// </summary>
public sealed class FakeSmtpServer(string ehloReply = "250 mail.example")
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private Task _conversation = Task.CompletedTask;

    public StringBuilder Heard { get; } = new();

    public StringBuilder Data { get; } = new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public FakeSmtpServer Start()
    {
        _listener.Start();
        _conversation = Task.Run(ConverseAsync);
        return this;
    }

    /// <summary>Waits for the client to hang up, then stops listening.</summary>
    public async Task StopAsync()
    {
        await _conversation;
        _listener.Stop();
    }

    private async Task ConverseAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var reader = new StreamReader(stream);
        async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        await Say("220 mail.example ESMTP");
        var inData = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    await Say("250 queued");
                }
                else
                    Data.AppendLine(line);
                continue;
            }

            Heard.AppendLine(line);
            if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase))
                await Say(ehloReply);
            else if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
            {
                inData = true;
                await Say("354 go on");
            }
            else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
            {
                await Say("221 bye");
                break;
            }
            else
                await Say("250 ok");
        }
    }
}
