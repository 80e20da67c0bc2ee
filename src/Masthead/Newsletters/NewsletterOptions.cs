using System.ComponentModel.DataAnnotations;
using Masthead.Email;

namespace Masthead.Newsletters;

/// <summary>How newsletters are signed, addressed and unsubscribed from. Bound from <c>Masthead:Newsletters</c>.</summary>
public sealed class NewsletterOptions : IValidatableObject
{
    /// <summary>
    /// The mailbox of the <c>mailto:</c> in each issue's List-Unsubscribe header, for mail programs without the
    /// one-click POST. Empty: <c>Masthead:Email:From</c>.
    /// </summary>
    [EmailAddress]
    public string? UnsubscribeMailbox { get; set; }

    /// <summary>The newsroom's postal or legal line printed at the foot of every issue, as the law of many countries asks.</summary>
    [StringLength(300)]
    public string? PostalAddress { get; set; }

    /// <summary>How many permanent (5xx) failures an address may have before it is sent nothing more.</summary>
    [Range(1, 100)]
    public int SuppressAfterFailures { get; set; } = 3;

    /// <summary>DKIM signing of issues; all three settings or none.</summary>
    public DkimOptions Dkim { get; set; } = new();

    /// <summary>How many messages a minute each receiving domain is sent; none set: as many as the mail server takes.</summary>
    public DomainRateOptions DomainRates { get; set; } = new();

    /// <summary>
    /// A delivery claimed this long ago and not yet marked is taken for a crashed send and sent again. It must be longer
    /// than one batch (50 messages) takes to send, or a slow but living sender's messages go twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = MailClaims.Timeout;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var given = new[] { Dkim.Domain, Dkim.Selector, Dkim.PrivateKeyFile }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given is > 0 and < 3)
        {
            yield return new("Masthead:Newsletters:Dkim needs Domain, Selector and PrivateKeyFile together (or none of them, to send unsigned).", [nameof(Dkim)]);
        }
        else if (given == 3 && !File.Exists(Dkim.PrivateKeyFile))
        {
            yield return new($"Masthead:Newsletters:Dkim:PrivateKeyFile \"{Dkim.PrivateKeyFile}\" is not a file this server can read.", [nameof(Dkim)]);
        }

        foreach (var (domain, rate) in DomainRates.Domains)
        {
            if (domain.Contains('@', StringComparison.Ordinal) || !domain.Contains('.', StringComparison.Ordinal) || domain.Any(char.IsWhiteSpace))
            {
                yield return new($"Masthead:Newsletters:DomainRates:Domains:{domain} is not a domain name: write the part after the @, such as gmail.com.", [nameof(DomainRates)]);
            }
            else if (rate is < 1 or > DomainRateOptions.MostPerMinute)
            {
                yield return new($"Masthead:Newsletters:DomainRates:Domains:{domain} must be a number of messages a minute from 1 to {DomainRateOptions.MostPerMinute}, not {rate}.", [nameof(DomainRates)]);
            }
        }
    }
}

/// <summary>Bound from <c>Masthead:Newsletters:Dkim</c>.</summary>
public sealed class DkimOptions
{
    /// <summary>The signing domain (d=), usually the From address's.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
    public string? Selector { get; set; }

    /// <summary>The RSA private key, PEM.</summary>
    public string? PrivateKeyFile { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector) && !string.IsNullOrWhiteSpace(PrivateKeyFile);
}

/// <summary>Bound from <c>Masthead:Newsletters:DomainRates</c>: receiving providers slow down or refuse a sender that sends them too much at once.</summary>
public sealed class DomainRateOptions
{
    public const int MostPerMinute = 1_000_000;

    /// <summary>Messages a minute to each receiving domain not in <see cref="Domains"/>; empty: no limit.</summary>
    [Range(1, MostPerMinute)]
    public int? PerMinute { get; set; }

    /// <summary>Messages a minute to one domain, by its name (<c>gmail.com</c>), overriding <see cref="PerMinute"/>.</summary>
    public Dictionary<string, int> Domains { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
