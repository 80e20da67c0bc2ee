namespace Masthead.Appeals;

/// <summary>
/// "Remind me later" by email: one message on the chosen day, then the address is deleted. Kept encrypted until
/// then, and stored in the database so a restart loses no reminder.
/// </summary>
public sealed class Reminder
{
    public int Id { get; set; }
    public required string EmailProtected { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The code of the edition the reader asked in, whose language the reminder is written in; empty in rows from before editions, read as the default edition.</summary>
    public string Edition { get; set; } = "";

    /// <summary>Set while a send is under way, so two workers never send the same reminder.</summary>
    public DateTimeOffset? SendingSince { get; set; }

    /// <summary>
    /// "Next month" is the first of next month — or of the month after, when the reader is already past the 20th and
    /// next month is barely ten days away. "In 3 months" is the first of the month three months on.
    /// </summary>
    public static DateTimeOffset DueDate(DateTimeOffset now, bool inThreeMonths, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var months = inThreeMonths ? 3 : local.Day > 20 ? 2 : 1;
        var first = new DateTime(local.Year, local.Month, 1, 9, 0, 0, DateTimeKind.Unspecified).AddMonths(months);
        return new DateTimeOffset(first, zone.GetUtcOffset(first)).ToUniversalTime();
    }
}
