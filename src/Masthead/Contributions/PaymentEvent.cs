using Masthead.Privacy;

namespace Masthead.Contributions;

/// <summary>
/// A payment provider's event as it arrived, stored before it is acted on. Unique per provider and event id, so a
/// redelivered event is recognised; processed once, whatever the order or number of deliveries.
/// </summary>
/// <remarks>
/// The payload is what the provider sent, which for Stripe includes the payer's email, name and address: it is kept
/// only sealed with the personal-data key (<see cref="PersonalData.Protect"/>), emptied once it is applied and of no
/// more use (at once for an event Masthead ignores, after <c>Masthead:Privacy:EmptyPaymentEventsAfterDays</c>
/// otherwise), and the row itself stays, so a redelivery is still recognised.
/// </remarks>
public sealed class PaymentEvent
{
    /// <summary>What an emptied <see cref="Payload"/> holds; never a value Protect makes.</summary>
    public const string Emptied = "";

    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }

    /// <summary>The provider's event, sealed; <see cref="Emptied"/> once no longer needed. Read with <see cref="Open"/>.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>The supporter the event was applied to, so erasing them empties its payload too; null until applied.</summary>
    public int? SupporterId { get; set; }

    /// <summary>A new event with its payload sealed under the current personal-data key.</summary>
    public static PaymentEvent Received(string provider, string eventId, string type, string payload, PersonalData personalData, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(personalData);
        return new PaymentEvent { Provider = provider, EventId = eventId, Type = type, Payload = personalData.Protect(payload), ReceivedAt = at };
    }

    /// <summary>
    /// The payload as the provider sent it. One stored by a version before payloads were sealed is still clear text and
    /// is read as it is (rotate-key seals it, retention empties it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The payload was emptied.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">It was sealed with a key not in the ring.</exception>
    public string Open(PersonalData personalData)
    {
        ArgumentNullException.ThrowIfNull(personalData);
        return Payload == Emptied ? throw new InvalidOperationException($"The payload of {Provider} event {EventId} was emptied.")
            : PersonalData.IsProtected(Payload) ? personalData.Unprotect(Payload) : Payload;
    }
}
