using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Masthead.Tests.Email;

/// <summary>
/// A mail server on loopback that holds every connection silent until <see cref="Release"/>, then speaks just enough
/// SMTP to take messages: so a test sees what Masthead does while its mail server hangs, with the real SMTP transport.
/// </summary>
public sealed class StalledSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _messages = [];
    private readonly Task _accepting;
    private int _connections;

    public StalledSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections made so far, answered or still held.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The messages taken (after <see cref="Release"/>), each as its DATA text.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The settings that point Masthead at this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Masthead:Email:Smtp:Host"] = "127.0.0.1",
        ["Masthead:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Masthead:Email:Smtp:UseStartTls"] = "false",
    };

    public void Release() => _released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await _released.Task.WaitAsync(TimeSpan.FromMinutes(2), _stop.Token);
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost stalled-smtp");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 localhost");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 end with .");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            {
                                data.AppendLine(dataLine);
                            }

                            lock (_messages)
                            {
                                _messages.Add(data.ToString());
                            }

                            await writer.WriteLineAsync("250 taken");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 ok");
                            break;
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or TimeoutException or SocketException)
            {
                // The test ended, or Masthead hung up: nothing more to take.
            }
        }
    }
}
