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
        var due = await db.Reminders.AsNoTracking().Where(r => r.DueAt <= now).Unclaimed(r => r.SendingSince, now)
            .OrderBy(r => r.DueAt).Take(100).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var reminder in due)
        {
            // Used once, then forgotten: the address is deleted as soon as the reminder is out.
            if (await MailClaims.SendOnceAsync(db.Reminders.Where(r => r.Id == reminder.Id), r => r.SendingSince, now,
                () => email.SendAsync(Compose(personalData.Unprotect(reminder.EmailProtected), siteRoot.TrimEnd('/') + "/support"), cancellationToken),
                done => done.ExecuteDeleteAsync(cancellationToken), cancellationToken))
            {
                sent++;
            }
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
