using System.Security.Cryptography;

namespace Masthead.Contributions;

/// <summary>A reader's intent to give, from the contribution form to the provider's payment page and back.</summary>
public sealed class Checkout
{
    /// <summary>Random and unguessable: it appears in the return address.</summary>
    public string Id { get; set; } = NewId();

    public required string Provider { get; set; }
    public string? ProviderSessionId { get; set; }
    public Frequency Frequency { get; set; }
    public long Amount { get; set; }
    public required string Currency { get; set; }

    /// <summary>The code of the edition the reader gave in, whose language the receipt is written in; empty in rows from before editions, read as the default edition.</summary>
    public string Edition { get; set; } = "";
    public required string EmailProtected { get; set; }
    public required string EmailHash { get; set; }
    /// <summary>The name the reader gave, sealed with <see cref="Privacy.PersonalData.Protect"/>; null when none.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The appeal, variant and placement the reader came from (<see cref="Appeals.CampaignCode"/>), until the payment is
    /// confirmed: then it is added to the appeal's counters and dropped, so no supporter's record says what they read.
    /// </summary>
    public string? Campaign { get; set; }
    public bool Anonymous { get; set; } = true;
    public CheckoutStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int? SupporterId { get; set; }

    /// <summary>When the transport accepted the receipt.</summary>
    public DateTimeOffset? ReceiptSentAt { get; set; }

    /// <summary>Set while a mail job sends the receipt, so two never both send it; an old claim was a crashed send.</summary>
    public DateTimeOffset? ReceiptSendingSince { get; set; }

    public Money Money => new(Amount, Currency);

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
