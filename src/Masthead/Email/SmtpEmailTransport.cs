using MailKit.Net.Smtp;
using MailKit.Security;
using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Email;

/// <summary>Sends each message through the SMTP server in <c>Masthead:Email:Smtp</c>, with MailKit.</summary>
public sealed partial class SmtpEmailTransport(
    IOptions<EmailOptions> options, IOptions<NewsroomOptions> newsroom, TimeProvider clock, ILogger<SmtpEmailTransport> logger) : IEmailTransport
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Operations.MastheadMetrics.CountEmailAsync("smtp", () => DeliverAsync(message, cancellationToken));

    private async Task DeliverAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        var host = smtp.Host ?? throw new InvalidOperationException("Masthead:Email:Smtp:Host is not set.");
        using var mime = message.ToMimeMessage(options.Value.Sender(newsroom.Value.Name), clock.GetUtcNow());
        using var client = new SmtpClient();
        await ConnectAsync(client, smtp, cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, message, host);
    }

    /// <summary>Connects <paramref name="client"/> to the server in <paramref name="smtp"/> and signs in when a user is set: for one message here, for a batch elsewhere.</summary>
    public static async Task ConnectAsync(SmtpClient client, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(smtp);
        var host = smtp.Host ?? throw new InvalidOperationException("Masthead:Email:Smtp:Host is not set.");
        await client.ConnectAsync(host, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Email} through {Host}")]
    private static partial void LogSent(ILogger logger, EmailMessage email, string host);
}
