using Masthead.Email;
using Masthead.Jobs;

namespace Masthead.Contributions;

/// <summary>
/// The worker that applies every provider's stored events to the ledger (<see cref="PaymentInbox.JobName"/>): woken by
/// each webhook delivery (<see cref="PaymentInbox.ReceiveAsync"/>), and every <see cref="PaymentInbox.JobInterval"/> for a
/// lost wake-up or a retry. The inbox's claims make it safe beside the thank-you page and other nodes applying the same events.
/// </summary>
public sealed class PaymentEventsJob(PaymentInbox inbox, JobHost jobs)
{
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await inbox.ProcessPendingAsync(cancellationToken) > 0)
        {
            // A completed checkout's receipt goes out now, not at the mail job's next look.
            await jobs.WakeAsync(MailJob.Name, cancellationToken);
        }
    }
}
