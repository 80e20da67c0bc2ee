using Masthead.Data;
using Masthead.Email;
using Masthead.Payments;
using Masthead.Privacy;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions.Site;

/// <summary>Step one of two: how much, how often, and where the receipt goes. Step two is the provider's payment page.</summary>
[CanonicalQuery("frequency", "currency", "retry", "amounts", Appeals.CampaignCode.QueryName)]
[FormGuard(FormLimits.Support)]
[EnableRateLimiting(FormLimits.Support)]
public sealed partial class SupportModel(
    MastheadDb db, IOptions<ContributionOptions> options, PaymentProviders providers,
    PersonalData personalData, TimeProvider clock, IStringLocalizer<ContributionsText> text, ILogger<SupportModel> logger) : PublicPage
{
    [BindProperty]
    public ContributionForm Form { get; set; } = new();

    public ContributionOptions Options => options.Value;

    public Frequency Frequency { get; private set; } = Frequency.Monthly;

    public string? Problem { get; private set; }

    /// <summary>The amounts the form offers for <see cref="Frequency"/>: a test version's, or the settings'.</summary>
    public IReadOnlyList<long> Offered => ContributionForm.Offered(Form.Suggested, Options.For(Form.Currency), Frequency);

    public async Task OnGetAsync(string? frequency, string? currency, string? retry, string? campaign, string? amounts, CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["SupportMetaTitle"], text["SupportMetaDescription"], "/support");
        Frequency = Enum.TryParse<Frequency>(frequency, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen) ? chosen : Frequency.Monthly;
        var code = currency is not null && Options.Currencies.ContainsKey(currency) ? currency : Options.CurrencyOf(Edition);
        var settings = Options.For(code);
        var suggested = ContributionForm.SuggestedIn(amounts, settings, Frequency);
        var preselected = suggested is null || suggested.Contains(settings.Default(Frequency)) ? settings.Default(Frequency) : suggested[0];
        Form = new ContributionForm
        {
            Frequency = Frequency.ToString(), Currency = code, Amount = preselected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Campaign = Appeals.CampaignCode.Parse(campaign)?.ToString(), Suggested = suggested is null ? null : string.Join(',', suggested),
        };
        if (retry is { Length: 32 } && await db.Checkouts.FindAsync([retry], cancellationToken) is { Status: not CheckoutStatus.Completed } earlier)
        {
            // Back from a declined or cancelled payment: the gift is kept, but not the address or name, since anyone
            // holding this link (a shared computer's history) would see them.
            Frequency = earlier.Frequency;
            Form = new ContributionForm
            {
                Frequency = earlier.Frequency.ToString(), Currency = earlier.Currency, Amount = ContributionForm.Other,
                OtherAmount = Currencies.FormatPlain(earlier.Money), Anonymous = earlier.Anonymous, Campaign = earlier.Campaign,
            };
            Problem = earlier.Status == CheckoutStatus.Declined ? text["Declined"] : text["Cancelled"];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Meta = new PageMeta(text["SupportMetaTitle"], text["SupportMetaDescription"], "/support");
        var read = Form.Read(Options, ModelState, text);
        Frequency = read?.Frequency ?? (Enum.TryParse<Frequency>(Form.Frequency, true, out var f) && Enum.IsDefined(f) ? f : Frequency.Monthly);
        if (!Options.Currencies.ContainsKey(Form.Currency ?? ""))
        {
            Form.Currency = Options.CurrencyOf(Edition);
        }

        if (read is null || !ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var provider = providers.Configured;
        var email = EmailAddresses.Normalize(Form.Email);
        var checkout = new Checkout
        {
            Provider = provider.Name, Frequency = read.Value.Frequency, Amount = read.Value.Amount.MinorUnits, Currency = read.Value.Amount.Currency,
            EmailProtected = personalData.Protect(email), EmailHash = personalData.LookupHash(email),
            Name = string.IsNullOrWhiteSpace(Form.Name) ? null : personalData.Protect(Form.Name.Trim()), Anonymous = Form.Anonymous, CreatedAt = clock.GetUtcNow(),
            Edition = Edition.Code, Campaign = Appeals.CampaignCode.Parse(Form.Campaign)?.ToString(),
        };
        db.Checkouts.Add(checkout);
        await db.SaveChangesAsync(cancellationToken);
        CheckoutStart start;
        try
        {
            start = await provider.StartCheckoutAsync(checkout, new Uri(SiteUrls.Absolute(HttpContext, "/")), cancellationToken);
        }
        catch (PaymentProviderException exception)
        {
            // Not the reader's fault and nothing was charged: the form comes back as typed, to try again in a moment.
            LogProviderFailed(logger, provider.Name, exception);
            Problem = text["ProviderDown"];
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        checkout.ProviderSessionId = start.ProviderSessionId;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect(start.PaymentPage.ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Provider} payment provider did not open a checkout")]
    private static partial void LogProviderFailed(ILogger logger, string provider, Exception exception);
}
