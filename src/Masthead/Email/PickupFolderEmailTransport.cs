using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Email;

/// <summary>
/// Writes each message as a complete .eml file into the outbox folder instead of sending it, so Masthead runs with no
/// mail server and a developer can open what would have been sent. The files hold addresses, so they are mode 0600.
/// </summary>
public sealed partial class PickupFolderEmailTransport(
    string directory, IOptions<EmailOptions> options, IOptions<NewsroomOptions> newsroom, TimeProvider clock,
    ILogger<PickupFolderEmailTransport> logger) : IEmailTransport
{
    /// <summary>Where the .eml files go: &lt;DataDirectory&gt;/outbox.</summary>
    public string Directory { get; } = PrivateFiles.Directory(directory);

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Operations.MastheadMetrics.CountEmailAsync("pickup-folder", () => Write(message, cancellationToken));

    private Task Write(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow();
        using var mime = message.ToMimeMessage(options.Value.Sender(newsroom.Value.Name), now);

        var path = WriteFile(Directory, mime, now, cancellationToken);
        LogWritten(logger, message, path);
        return Task.CompletedTask;
    }

    /// <summary>Writes <paramref name="mime"/> into <paramref name="directory"/> under a name retention can date; returns its path.</summary>
    public static string WriteFile(string directory, MimeKit.MimeMessage mime, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mime);

        // Sortable by time; the random part keeps two messages in the same second apart.
        var path = Path.Combine(directory, $"{now:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.eml");
        PrivateFiles.WriteNew(path, stream => mime.WriteTo(stream, cancellationToken));
        return path;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Email} as {Path} (no SMTP host is set)")]
    private static partial void LogWritten(ILogger logger, EmailMessage email, string path);
}
