using Microsoft.Extensions.Options;

namespace Masthead.Payments;

/// <summary>Refuses a <c>Masthead:Payments:Provider</c> that names no registered provider, naming the ones there are.</summary>
internal sealed class PaymentOptionsValidation(IEnumerable<PaymentProviderName> registered) : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options)
    {
        var names = registered.Select(p => p.Name).ToList();
        if (names.Contains(options.Provider))
        {
            return ValidateOptionsResult.Success;
        }

        var known = names.Count < 2 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        return ValidateOptionsResult.Fail($"{PaymentsSetup.Section}:Provider must be {known}.");
    }
}
