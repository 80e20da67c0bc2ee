namespace Masthead.Email;

/// <summary>
/// Mail a feature stores before it sends (receipts, supporters' links, reminders), so a restart loses none. The
/// <see cref="MailJob"/> asks each queue in turn; a queue claims a row before sending it, so two runs never send one twice.
/// </summary>
public interface IOutgoingMail
{
    /// <summary>
    /// Sends what is due now, each message in the language of the edition it was asked for in and with links on that
    /// edition's public address (<see cref="Newsroom.PublicAddress.ForEmail"/>); returns how many went out.
    /// </summary>
    Task<int> SendDueAsync(CancellationToken cancellationToken);
}
