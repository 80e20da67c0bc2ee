using System.Text.Json;
using Masthead.Contributions;

namespace Masthead.Payments.Stripe;

/// <summary>
/// Reads a stored Stripe event into <see cref="PaymentFact"/>s. Read from the raw JSON rather than the SDK's classes because
/// Stripe shapes each event by the account's pinned API version: before 2025-03-31 an invoice names its subscription and
/// price directly and a charge names its invoice; from then on they sit under <c>parent</c> and <c>pricing</c>. Both are read.
/// </summary>
internal static class StripeEventFacts
{
    public static IReadOnlyList<PaymentFact> Read(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var type = Text(root, "type") ?? throw new FormatException("The Stripe event has no type.");
        var at = DateTimeOffset.FromUnixTimeSeconds(Number(root, "created") ?? throw new FormatException("The Stripe event has no created time."));
        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var o) || o.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The Stripe event has no data.object.");
        }

        return type switch
        {
            "checkout.session.completed" or "checkout.session.async_payment_succeeded" => CheckoutCompleted(o, at),
            "invoice.paid" => InvoicePaid(o, at),
            "invoice.payment_failed" when InvoiceSubscription(o) is { } failed => [new PaymentFailed(failed, Customer(o), at)],
            "customer.subscription.updated" when Status(Text(o, "status")) is { } status =>
                [new SubscriptionUpdated(Required(o, "id"), Customer(o), status, SubscriptionAmount(o), at)],
            "customer.subscription.deleted" => [new SubscriptionUpdated(Required(o, "id"), Customer(o), SubscriptionStatus.Canceled, null, at)],
            "charge.refunded" => ChargeRefunded(o, at),
            _ => [],
        };
    }

    private static List<PaymentFact> CheckoutCompleted(JsonElement session, DateTimeOffset at)
    {
        // A session Masthead did not open (a payment link, another app on the same account) has no checkout of ours.
        if (Text(session, "client_reference_id") is not { } checkoutId)
        {
            return [];
        }

        var customer = Customer(session);
        List<PaymentFact> facts = [new CheckoutCompleted(checkoutId, customer, Id(session, "subscription"), at)];

        // A subscription's money arrives as invoice.paid. A one-time gift's arrives here, unless its payment method
        // settles later (bank debits): then payment_status is "unpaid" and async_payment_succeeded follows.
        if (Text(session, "mode") == "payment" && Text(session, "payment_status") == "paid")
        {
            facts.Add(new PaymentSucceeded(Id(session, "payment_intent") ?? Required(session, "id"), customer, null,
                Amount(session, "amount_total"), Frequency.OneTime, at));
        }

        return facts;
    }

    private static List<PaymentFact> InvoicePaid(JsonElement invoice, DateTimeOffset at)
    {
        var amount = Amount(invoice, "amount_paid");
        if (amount.MinorUnits <= 0)
        {
            // A free trial period or a fully discounted invoice: nothing arrived, so nothing goes in the ledger.
            return [];
        }

        var subscription = InvoiceSubscription(invoice);
        var frequency = subscription is null ? Frequency.OneTime : InvoiceFrequency(invoice);
        return [new PaymentSucceeded(Required(invoice, "id"), Customer(invoice), subscription, amount, frequency, at)];
    }

    private static List<PaymentFact> ChargeRefunded(JsonElement charge, DateTimeOffset at)
    {
        // The reference the original payment went into the ledger under: a renewal by its invoice, a one-time gift by
        // its payment intent. Charges name their invoice only on API versions before 2025-03-31.
        var paymentRef = Id(charge, "invoice") ?? Id(charge, "payment_intent") ?? Required(charge, "id");
        var customer = Customer(charge);
        var currency = Currency(charge);
        var refunds = charge.TryGetProperty("refunds", out var list) && list.ValueKind == JsonValueKind.Object
            && list.TryGetProperty("data", out var items) && items.ValueKind == JsonValueKind.Array
                ? items.EnumerateArray().Where(r => Text(r, "status") is not ("failed" or "canceled")).ToList()
                : [];
        if (refunds.Count > 0)
        {
            // Each refund on its own line: a second partial refund adds to the first instead of being taken for it.
            return [.. refunds.Select(r => (PaymentFact)new Refunded(Required(r, "id"), paymentRef, customer, new Money(Number(r, "amount") ?? 0, currency), at))];
        }

        // Newer API versions leave the refunds list out of the event: one line for everything refunded on the charge.
        return [new Refunded(Required(charge, "id") + ":refund", paymentRef, customer, Amount(charge, "amount_refunded"), at)];
    }

    private static string? InvoiceSubscription(JsonElement invoice) =>
        Id(invoice, "subscription")
        ?? (Path(invoice, "parent", "subscription_details") is { } details ? Id(details, "subscription") : null)
        ?? (FirstLine(invoice) is { } line && Path(line, "parent", "subscription_item_details") is { } item ? Id(item, "subscription") : null);

    /// <summary>Monthly or annual, from the price's interval where the event carries it, else from what Masthead put on the subscription.</summary>
    private static Frequency InvoiceFrequency(JsonElement invoice)
    {
        var line = FirstLine(invoice);
        var interval = (line is { } l ? Text(Path(l, "price", "recurring"), "interval") ?? Text(Path(l, "plan"), "interval") : null);
        if (interval is not null)
        {
            return interval == "year" ? Frequency.Annual : Frequency.Monthly;
        }

        var metadata = Path(invoice, "parent", "subscription_details", "metadata") ?? Path(invoice, "subscription_details", "metadata");
        if (Enum.TryParse<Frequency>(Text(metadata, StripeProvider.FrequencyKey), out var frequency) && frequency != Frequency.OneTime)
        {
            return frequency;
        }

        // Last resort: a billing period longer than any month is a year.
        var period = line is { } p ? Path(p, "period") : null;
        return Number(period, "end") - Number(period, "start") > 40 * 86_400 ? Frequency.Annual : Frequency.Monthly;
    }

    private static Money? SubscriptionAmount(JsonElement subscription)
    {
        if (Path(subscription, "items") is not { } items || !items.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
            || data.GetArrayLength() == 0 || Path(data[0], "price") is not { } price || Number(price, "unit_amount") is not { } unit)
        {
            return null;
        }

        return new Money(unit * (Number(data[0], "quantity") ?? 1), Currency(price));
    }

    private static SubscriptionStatus? Status(string? status) => status switch
    {
        "active" or "trialing" => SubscriptionStatus.Active,
        "past_due" or "unpaid" or "paused" => SubscriptionStatus.PastDue,
        "canceled" or "incomplete_expired" => SubscriptionStatus.Canceled,

        // "incomplete": the first payment is still being made; checkout.session.completed or invoice.paid will follow.
        _ => null,
    };

    private static JsonElement? FirstLine(JsonElement invoice) =>
        Path(invoice, "lines") is { } lines && lines.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
            ? data[0]
            : null;

    private static string Customer(JsonElement o) => Id(o, "customer") ?? throw new FormatException($"The Stripe {Text(o, "object")} {Text(o, "id")} names no customer.");

    private static Money Amount(JsonElement o, string name) => new(Number(o, name) ?? 0, Currency(o));

    private static string Currency(JsonElement o) =>
        Text(o, "currency")?.ToUpperInvariant() is { } code && Currencies.IsCode(code) ? code : throw new FormatException("The Stripe object has no ISO currency code.");

    private static string Required(JsonElement o, string name) => Text(o, name) ?? throw new FormatException($"The Stripe object has no {name}.");

    /// <summary>An expandable field: Stripe sends the id, or the whole object when it was expanded.</summary>
    private static string? Id(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.Object ? Text(value, "id") : Text(o, name) : null;

    private static string? Text(JsonElement? o, string name) =>
        o is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static long? Number(JsonElement? o, string name) =>
        o is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    private static JsonElement? Path(JsonElement? o, params string[] names)
    {
        foreach (var name in names)
        {
            if (o is not { ValueKind: JsonValueKind.Object } e || !e.TryGetProperty(name, out var next) || next.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            o = next;
        }

        return o;
    }
}
