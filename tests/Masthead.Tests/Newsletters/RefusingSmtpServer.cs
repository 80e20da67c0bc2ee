using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// A mail server on loopback that takes mail but refuses some recipients as real servers do: an address starting
/// "gone" with 550 (for good), one starting "busy" with 451 (try later). Counts connections and messages taken.
/// </summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;
    private int _taken;

    public RefusingSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public int Taken => Volatile.Read(ref _taken);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 refusing.test ESMTP");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var command = line.ToUpperInvariant();
            if (command.StartsWith("RCPT TO:<GONE", StringComparison.Ordinal))
            {
                await writer.WriteLineAsync("550 5.1.1 No such mailbox");
            }
            else if (command.StartsWith("RCPT TO:<BUSY", StringComparison.Ordinal))
            {
                await writer.WriteLineAsync("451 4.2.1 Mailbox busy, try later");
            }
            else if (command == "DATA")
            {
                await writer.WriteLineAsync("354 go on");
                while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                {
                }

                Interlocked.Increment(ref _taken);
                await writer.WriteLineAsync("250 taken");
            }
            else if (command == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                return;
            }
            else
            {
                await writer.WriteLineAsync("250 ok");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
