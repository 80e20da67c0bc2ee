using Microsoft.Extensions.Options;

namespace Masthead.Payments.Stripe;

/// <summary>Refuses to start with half a Stripe configuration, rather than failing at a reader's first contribution.</summary>
internal sealed class StripeOptionsValidation(IOptions<PaymentOptions> payments) : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        if (!options.InUse(payments.Value))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (payments.Value.Provider != StripeProvider.ProviderName && options.SecretKey is { } live
            && (live.StartsWith("sk_live_", StringComparison.Ordinal) || live.StartsWith("rk_live_", StringComparison.Ordinal)))
        {
            // Real money must never meet the TEST MODE checkout: one of the two settings is a mistake.
            failures.Add($"{StripeOptions.Section}:SecretKey is a live key but Masthead:Payments:Provider is {payments.Value.Provider}: set the provider to stripe, or use a test key (sk_test_...).");
        }

        if (options.SecretKey is not { Length: > 3 } key || !(key.StartsWith("sk_", StringComparison.Ordinal) || key.StartsWith("rk_", StringComparison.Ordinal)))
        {
            failures.Add($"{StripeOptions.Section}:SecretKey must be a Stripe secret key (sk_live_..., sk_test_... or rk_...).");
        }

        if (options.WebhookSecret is not { Length: > 6 } secret || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            failures.Add($"{StripeOptions.Section}:WebhookSecret must be the webhook endpoint's signing secret (whsec_...).");
        }

        if (!string.IsNullOrEmpty(options.ApiBase)
            && !(Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var api) && (api.Scheme == Uri.UriSchemeHttps || api.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"{StripeOptions.Section}:ApiBase must be an absolute http(s) address, or empty for Stripe's own.");
        }

        if (options.WebhookTolerance <= TimeSpan.Zero || options.WebhookTolerance > TimeSpan.FromHours(1))
        {
            failures.Add($"{StripeOptions.Section}:WebhookTolerance must be more than zero and at most an hour (Stripe's default is 00:05:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
