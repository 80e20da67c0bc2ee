using System.ComponentModel.DataAnnotations;

namespace Masthead.Privacy;

/// <summary>How long personal data is kept when nothing else removes it (<c>Masthead:Privacy</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Days after a supporter's last subscription was cancelled (with nothing active left) before their email and name
    /// are erased. 90 leaves time for a late refund or a question about a receipt; the ledger's amounts stay.
    /// </summary>
    [Range(1, 3650)]
    public int EraseCanceledSupportersAfterDays { get; set; } = 90;

    /// <summary>
    /// A reminder never sent (the mail server kept failing) is deleted this many days after the day it was due, so a
    /// reminder asked for a year ahead is never deleted before its day.
    /// </summary>
    [Range(1, 365)]
    public int DeleteUnsentRemindersAfterDays { get; set; } = 365;

    /// <summary>Days an .eml file stays in the outbox (when no SMTP server is set) before it is deleted.</summary>
    [Range(1, 3650)]
    public int DeleteOutboxFilesAfterDays { get; set; } = 30;

    /// <summary>
    /// Days after a payment event was applied (or given up on) before its payload, which for Stripe holds the payer's
    /// email, name and address, is emptied. The row stays, so a redelivery is still recognised. 30 leaves time to look
    /// into a ledger line that seems wrong.
    /// </summary>
    [Range(1, 3650)]
    public int EmptyPaymentEventsAfterDays { get; set; } = 30;

    /// <summary>
    /// Days after signing up before an address that never confirmed any newsletter is deleted with its sign-ups: the
    /// link in its confirmation email then leads nowhere, and we keep no address its owner may never have given.
    /// </summary>
    [Range(1, 365)]
    public int DeleteUnconfirmedReadersAfterDays { get; set; } = 30;

    /// <summary>Days an audit entry is kept. Two years by default: long enough to answer for a change in a later audit.</summary>
    [Range(1, 36500)]
    public int DeleteAuditEntriesAfterDays { get; set; } = 730;
}
