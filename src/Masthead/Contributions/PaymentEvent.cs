namespace Masthead.Contributions;

/// <summary>
/// A payment provider's event as it arrived, stored before it is acted on. Unique per provider and event id, so a
/// redelivered event is recognised; processed once, whatever the order or number of deliveries.
/// </summary>
public sealed class PaymentEvent
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
