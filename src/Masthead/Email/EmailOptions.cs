using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Masthead.Email;

/// <summary>Who the newsroom's email comes from and how it leaves. Bound from <c>Masthead:Email</c>.</summary>
public sealed class EmailOptions : IValidatableObject
{
    /// <summary>The From address. Set it to one of the newsroom's own before configuring an SMTP server.</summary>
    [Required, EmailAddress]
    public string From { get; set; } = "newsroom@masthead.local";

    /// <summary>The name shown beside <see cref="From"/>. Empty: the newsroom's name.</summary>
    [StringLength(100)]
    public string? FromName { get; set; }

    /// <summary>The SMTP server. Without a host, messages are written to the outbox folder instead of sent.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The From mailbox: <see cref="FromName"/>, or the newsroom's name when none is set, and <see cref="From"/>.</summary>
    public MailboxAddress Sender(string newsroomName) =>
        new(string.IsNullOrWhiteSpace(FromName) ? newsroomName : FromName, From);

    // The nested Smtp section's own annotations are checked by the settings' validation (NamedAnnotations).
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        if (!string.IsNullOrEmpty(Smtp.Username) && string.IsNullOrEmpty(Smtp.Password))
        {
            results.Add(new("Masthead:Email:Smtp:Password is required when a Username is set.", [nameof(Smtp)]));
        }

        return results;
    }
}
