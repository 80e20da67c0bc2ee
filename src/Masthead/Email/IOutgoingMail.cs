namespace Masthead.Email;

/// <summary>
/// Mail a feature stores before it sends (receipts, supporters' links, reminders), so a restart loses none. The
/// <see cref="MailJob"/> asks each queue in turn; a queue claims a row before sending it, so two runs never send one twice.
/// </summary>
public interface IOutgoingMail
{
    /// <summary>Sends what is due now, with links under <paramref name="siteRoot"/>; returns how many went out.</summary>
    Task<int> SendDueAsync(string siteRoot, CancellationToken cancellationToken);
}
