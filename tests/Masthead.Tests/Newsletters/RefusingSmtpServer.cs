using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// A mail server on loopback that takes mail but refuses some recipients as real servers do: an address starting
/// "gone" with 550 (for good), one starting "busy" with 451 (try later). Counts connections and messages taken, the
/// messages each address received, and the recipients' domains of each connection. Keeps no message, so it takes
/// thousands as fast as they come.
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

    /// <summary>How many messages each recipient address (as written in RCPT TO) received.</summary>
    public ConcurrentDictionary<string, int> Received { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For each connection that took a message, the domains it was addressed to.</summary>
    public ConcurrentBag<IReadOnlySet<string>> DomainsByConnection { get; } = [];

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
        var recipients = new List<string>();
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await writer.WriteLineAsync("220 refusing.test ESMTP");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var command = line.ToUpperInvariant();
            if (command.StartsWith("MAIL FROM:", StringComparison.Ordinal) || command == "RSET")
            {
                recipients.Clear();
                await writer.WriteLineAsync("250 ok");
            }
            else if (command.StartsWith("RCPT TO:<GONE", StringComparison.Ordinal))
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
                string? data;
                while ((data = await reader.ReadLineAsync(_stop.Token)) is not null && data != ".")
                {
                }

                if (data is null)
                {
                    break; // cut off in the middle of the message (the sender was killed): not taken
                }

                Interlocked.Increment(ref _taken);
                foreach (var recipient in recipients)
                {
                    Received.AddOrUpdate(recipient, 1, (_, count) => count + 1);
                    domains.Add(recipient[(recipient.LastIndexOf('@') + 1)..]);
                }

                await writer.WriteLineAsync("250 taken");
            }
            else if (command == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                break;
            }
            else
            {
                if (command.StartsWith("RCPT TO:<", StringComparison.Ordinal))
                {
                    recipients.Add(line[9..line.IndexOf('>', StringComparison.Ordinal)]);
                }

                await writer.WriteLineAsync("250 ok");
            }
        }

        if (domains.Count > 0)
        {
            DomainsByConnection.Add(domains);
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
