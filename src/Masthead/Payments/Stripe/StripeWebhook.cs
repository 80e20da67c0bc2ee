using System.Text;
using System.Text.Json;
using Masthead.Contributions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Masthead.Payments.Stripe;

/// <summary>
/// Where Stripe reports payments: verify the signature, store the event in the inbox, answer 200 at once, and leave the
/// rest to the inbox's job, woken at once on whichever node holds its lease. Stripe retries anything but a 2xx for days, so a redelivery is normal and
/// answered 200 too; a call that fails the signature check is answered 400 and nothing is stored.
/// </summary>
public static class StripeWebhook
{
    public const string Path = "/payments/stripe/webhook";

    /// <summary>Stripe's events are a few kilobytes; anything near this is not one of them.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    internal static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, IOptions<StripeOptions> options, PaymentInbox inbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var stripe = options.Value;
        if (string.IsNullOrEmpty(stripe.WebhookSecret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Stripe is not set up", detail: "This site takes no Stripe webhooks.");
        }

        var body = await Web.BoundedBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A Stripe event is at most {MaxBodyBytes} bytes.");
        }

        var check = StripeSignature.Verify(body, context.Request.Headers[StripeSignature.Header], stripe.WebhookSecret, stripe.WebhookTolerance, clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Signature not accepted", detail: check switch
            {
                SignatureCheck.Missing => $"The {StripeSignature.Header} header is missing.",
                SignatureCheck.Malformed => $"The {StripeSignature.Header} header has no timestamp or no v1 signature.",
                SignatureCheck.Stale => "The signature's timestamp is outside the tolerance window.",
                _ => "No v1 signature matches the body.",
            });
        }

        if (Envelope(body) is not { } envelope)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Stripe event", detail: "The body is not an event object with an id and a type.");
        }

        await inbox.ReceiveAsync(StripeProvider.ProviderName, envelope.Id, envelope.Type, Encoding.UTF8.GetString(body), cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>The event's id and type; null when the signed body is not an event (the signature only proves who sent it).</summary>
    private static (string Id, string Type)? Envelope(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("object", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "event"
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= 255 } eventId && IsPlain(eventId)
                && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is { Length: > 0 and <= 100 } eventType && IsPlain(eventType)
                    ? (eventId, eventType)
                    : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Stripe's ids and types are printable ASCII; anything else is not one of its events (and PostgreSQL refuses NUL).</summary>
    private static bool IsPlain(string text) => text.All(c => c is > ' ' and < '\u007f');
}
