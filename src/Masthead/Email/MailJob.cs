namespace Masthead.Email;

/// <summary>
/// Sends what every <see cref="IOutgoingMail"/> holds (unsent receipts, supporters' links asked for on the site, due
/// reminders), every minute of the app's clock and at once when a feature wakes it.
/// </summary>
public sealed class MailJob(IServiceScopeFactory scopes)
{
    /// <summary>The job's name in the <see cref="Jobs.JobHost"/>.</summary>
    public const string Name = "mail";

    /// <summary>How often it looks, when nothing wakes it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Asks every <see cref="IOutgoingMail"/> once; returns how many emails went out in all.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var mail in scope.ServiceProvider.GetServices<IOutgoingMail>())
        {
            sent += await mail.SendDueAsync(cancellationToken);
        }

        return sent;
    }
}
