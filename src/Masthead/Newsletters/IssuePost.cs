using MailKit.Net.Smtp;
using Masthead.Data;
using Masthead.Email;
using MimeKit;

namespace Masthead.Newsletters;

/// <summary>
/// One batch's way out: a single SMTP connection kept open across the batch (a connection per message would cost
/// a handshake, and often TLS, per reader), or the outbox folder when no SMTP host is set, as for other mail.
/// </summary>
internal sealed class IssuePost : IAsyncDisposable
{
    private readonly SmtpClient? _client;
    private readonly string? _outbox;
    private readonly TimeProvider _clock;

    private IssuePost(SmtpClient? client, string? outbox, TimeProvider clock) => (_client, _outbox, _clock) = (client, outbox, clock);

    public static async Task<IssuePost> OpenAsync(EmailOptions email, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email.Smtp.Host))
        {
            return new IssuePost(null, PrivateFiles.Directory(MastheadPaths.OutboxDirectory(configuration)), clock);
        }

        var client = new SmtpClient();
        try
        {
            await SmtpEmailTransport.ConnectAsync(client, email.Smtp, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new IssuePost(client, null, clock);
    }

    /// <summary>Sends one message; a refusal is MailKit's <see cref="SmtpCommandException"/>, with the server's status code.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            PickupFolderEmailTransport.WriteFile(_outbox!, message, _clock.GetUtcNow(), cancellationToken);
            return;
        }

        await _client.SendAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true, CancellationToken.None);
            }

            _client.Dispose();
        }
    }
}
