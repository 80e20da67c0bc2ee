using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Appeals;

/// <summary>Keeps and sends "remind me later" emails: each once, on its day, in the reader's edition, and then the address is gone.</summary>
public sealed class Reminders(
    MastheadDb db, IEmailTransport email, PersonalData personalData, TimeProvider clock, PublicAddress address,
    SiteEditions editions, IStringLocalizer<AppealsText> text) : IOutgoingMail
{
    /// <summary>Keeps a reminder to <paramref name="to"/> for <paramref name="due"/> (from <see cref="Reminder.DueDate"/>).</summary>
    public async Task ScheduleAsync(string to, DateTimeOffset due, Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        db.Reminders.Add(new Reminder { EmailProtected = personalData.Protect(EmailAddresses.Normalize(to)), DueAt = due, CreatedAt = clock.GetUtcNow(), Edition = edition.Code });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Reminders.AsNoTracking().Where(r => r.DueAt <= now).Unclaimed(r => r.SendingSince, now)
            .OrderBy(r => r.DueAt).Take(100).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var reminder in due)
        {
            // Used once, then forgotten: the address is deleted as soon as the reminder is out.
            if (await MailClaims.SendOnceAsync(db.Reminders.Where(r => r.Id == reminder.Id), r => r.SendingSince, now,
                () => email.SendAsync(Compose(personalData.Unprotect(reminder.EmailProtected), editions.Get(reminder.Edition)), cancellationToken),
                done => done.ExecuteDeleteAsync(cancellationToken), cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private EmailMessage Compose(string to, Edition edition)
    {
        // The job has no request: the reminder is written in the language of the edition the reader asked in.
        using var language = edition.UseCulture();
        var name = edition.NewsroomName;
        return new EmailMessage(to, text["ReminderSubject", name], text["ReminderBody", name, address.ForEmail("/support", edition)]);
    }
}
