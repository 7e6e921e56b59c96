using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// An "attacker's host" on loopback: it accepts connections, records the bytes that arrive (an Authorization header
/// would be among them) and answers like a bare HTTP server. Tests assert it saw nothing at all.
/// </summary>
public sealed class CaptureServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _received = new();
    private int _connections;

    public CaptureServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<string> Received => _received.ToList();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[16 * 1024];
                var read = await stream.ReadAsync(buffer, _stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
                _received.Enqueue(Encoding.UTF8.GetString(buffer, 0, read));
                var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]"u8.ToArray();
                await stream.WriteAsync(answer, _stop.Token);
            }
            catch (Exception)
            {
                // A client that went away is as good as one that sent nothing.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
