namespace Masthead.Email;

/// <summary>
/// Hands an email on: <see cref="SmtpEmailTransport"/> to the newsroom's SMTP server, or
/// <see cref="PickupFolderEmailTransport"/> to a folder of .eml files when no server is configured.
/// </summary>
public interface IEmailTransport
{
    /// <summary>Sends <paramref name="message"/>; throws if it could not be handed on.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
