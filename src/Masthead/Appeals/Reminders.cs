using Masthead.Data;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals;

/// <summary>Keeps and sends "remind me later" emails: each once, on its day, and then the address is gone.</summary>
public sealed class Reminders(MastheadDb db, IEmailTransport email, PersonalData personalData, IOptions<NewsroomOptions> newsroom, TimeProvider clock) : IOutgoingMail
{
    /// <summary>A claim older than this is taken for a crashed send and retried.</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    public async Task<DateTimeOffset> ScheduleAsync(string address, bool inThreeMonths, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = Reminder.DueDate(now, inThreeMonths, newsroom.Value.Zone);
        db.Reminders.Add(new Reminder { EmailProtected = personalData.Protect(EmailAddresses.Normalize(address)), DueAt = due, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return due;
    }

    public async Task<int> SendDueAsync(string siteRoot, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stale = now - ClaimTimeout;
        var due = await db.Reminders.AsNoTracking().Where(r => r.DueAt <= now && (r.SendingSince == null || r.SendingSince < stale))
            .OrderBy(r => r.DueAt).Take(100).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var reminder in due)
        {
            var claimed = await db.Reminders.Where(r => r.Id == reminder.Id && (r.SendingSince == null || r.SendingSince < stale))
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.SendingSince, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await email.SendAsync(Compose(personalData.Unprotect(reminder.EmailProtected), siteRoot.TrimEnd('/') + "/support"), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await db.Reminders.Where(r => r.Id == reminder.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.SendingSince, (DateTimeOffset?)null), CancellationToken.None);
                throw;
            }

            // Used once, then forgotten: the address is deleted as soon as the reminder is out.
            await db.Reminders.Where(r => r.Id == reminder.Id).ExecuteDeleteAsync(cancellationToken);
            sent++;
        }

        return sent;
    }

    private EmailMessage Compose(string to, string support)
    {
        var name = newsroom.Value.Name;
        return new EmailMessage(to, $"A reminder from {name}", $"""
            You asked us to remind you about supporting {name}.

            We are independent and paid for by our readers. Monthly support starts small and takes a minute:
            {support}

            We have now deleted your email address: this is the only reminder you will get from us.

            {name}
            """);
    }
}
