using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Newsroom;

namespace Masthead.Email;

/// <summary>
/// Unsent receipts, supporters' links asked for on the site and due reminders, every minute of the app's clock and at once when a payment completes a checkout or a link is asked for.
/// Both are stored and claimed before sending, so a restart loses none and two runs never send one twice.
/// </summary>
public sealed class MailJob(IServiceScopeFactory scopes, PublicAddress address)
{
    /// <summary>The job's name in the <see cref="Jobs.JobHost"/>.</summary>
    public const string Name = "mail";

    /// <summary>How often it looks, when nothing wakes it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var root = SiteRoot();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Receipts>().SendPendingAsync(root, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<LinkRequests>().SendPendingAsync(root, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Reminders>().SendDueAsync(root, cancellationToken);
    }

    /// <summary>Links in emails: the configured public address, else where this server listens (<see cref="PublicAddress.ForEmail"/>).</summary>
    private string SiteRoot() => address.ForEmail("");
}
