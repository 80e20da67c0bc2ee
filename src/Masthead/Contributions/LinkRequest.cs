namespace Masthead.Contributions;

/// <summary>
/// "Already a supporter?": an address someone asked a link for, kept (sealed) until the mail job has looked it up and,
/// if it supports us, sent it its link. The form stores one of these for every address alike and answers at once, so
/// neither its answer nor its timing tells whether the address supports us.
/// </summary>
public sealed class LinkRequest
{
    public int Id { get; set; }

    /// <summary>The address as typed, normalised and sealed with the personal-data key ring.</summary>
    public required string EmailProtected { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The code of the edition the supporter asked in, whose language the email is written in; empty in rows from before editions, read as the default edition.</summary>
    public string Edition { get; set; } = "";

    /// <summary>Set while a mail job sends it; a claim older than <see cref="Masthead.Email.MailClaims.Timeout"/> was a crashed send.</summary>
    public DateTimeOffset? SendingSince { get; set; }
}
