using System.ComponentModel.DataAnnotations;

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
