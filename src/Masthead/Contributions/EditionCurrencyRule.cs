using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions;

/// <summary>
/// Refuses a start where an edition starts its readers on a currency the site does not take: otherwise the edition's
/// setting would be ignored without a word and its readers asked in the default currency.
/// </summary>
internal sealed class EditionCurrencyRule(IOptions<NewsroomOptions> newsroom) : IValidateOptions<ContributionOptions>
{
    public ValidateOptionsResult Validate(string? name, ContributionOptions options)
    {
        var failures = newsroom.Value.Editions
            .Where(edition => !string.IsNullOrWhiteSpace(edition.Value.Currency) && !options.Currencies.ContainsKey(edition.Value.Currency.Trim().ToUpperInvariant()))
            .Select(edition => $"Masthead:Newsroom:Editions:{edition.Key}:Currency \"{edition.Value.Currency}\" is not one of the currencies the site takes " +
                $"({string.Join(", ", options.Currencies.Keys)}): add it under {ContributionOptions.Section}:Currencies or choose one of them.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
