using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Masthead.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

/// <summary>
/// How quickly a person can fill in a public form (<c>Masthead:FormTiming</c>). A form posted back sooner than
/// <see cref="MinimumFillTime"/> after it was shown, or later than <see cref="MaximumAge"/>, is shown again instead.
/// </summary>
public sealed class FormTimingOptions
{
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Masthead:FormTiming:MinimumFillTime must be between 0 and 5 minutes.")]
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00", ErrorMessage = "Masthead:FormTiming:MaximumAge must be between 10 minutes and 30 days.")]
    public TimeSpan MaximumAge { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The two quiet checks every guarded form carries (see <c>Pages/Shared/_FormGuard.cshtml</c>): a honeypot field
/// people never see, and a signed timestamp of when the form was shown.
/// </summary>
public sealed partial class FormGuard(IDataProtectionProvider protection, TimeProvider clock, IOptions<FormTimingOptions> timing, ILogger<FormGuard> logger)
{
    /// <summary>The honeypot: a field named to tempt form-filling bots; hidden from people and screen readers.</summary>
    public const string HoneypotField = "website";

    /// <summary>The signed moment the form was shown.</summary>
    public const string ShownAtField = "form_shown";

    public enum Verdict
    {
        Person,
        Honeypot,
        TooFast,
        Stale,
    }

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.FormGuard.ShownAt");

    /// <summary>A stamp for <paramref name="form"/> shown now: signed and encrypted, so it cannot be forged or moved to another form.</summary>
    public string Stamp(string form) =>
        _protector.Protect(form + "|" + clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public Verdict Judge(IFormCollection posted, string form)
    {
        ArgumentNullException.ThrowIfNull(posted);
        if (!string.IsNullOrEmpty(posted[HoneypotField].ToString()))
        {
            LogHoneypot(logger, form);
            return Verdict.Honeypot;
        }

        if (ShownAt(posted[ShownAtField].ToString(), form) is not { } shown)
        {
            return Verdict.Stale;
        }

        var taken = clock.GetUtcNow() - shown;
        return taken < timing.Value.MinimumFillTime ? Verdict.TooFast
            : taken > timing.Value.MaximumAge ? Verdict.Stale
            : Verdict.Person;
    }

    private DateTimeOffset? ShownAt(string stamp, string form)
    {
        if (stamp.Length is 0 or > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(stamp).Split('|');
            return parts.Length == 2 && parts[0] == form && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a {Form} form with its honeypot filled")]
    private static partial void LogHoneypot(ILogger logger, string form);
}

/// <summary>
/// Guards a public form page's POST against bots: the honeypot, the time check, the per-address limit's refusal
/// (the rejected request is answered by this page, see <see cref="FormLimits"/>) and, with
/// <see cref="EmailField"/>, a limit per mailbox. Every refusal is a model error, so the page's own
/// invalid-input path shows the form again with what the person typed; a refusal for rate answers 429 with Retry-After.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FormGuardAttribute(string form) : Attribute, IAsyncPageFilter
{
    private const string CaughtKey = "Masthead.FormGuard.Caught";

    public string Form { get; } = form;

    /// <summary>The posted field holding the address mail goes to; when set, that mailbox has its own limit.</summary>
    public string? EmailField { get; init; }

    /// <summary>
    /// Whether this request filled the honeypot. Pages whose honest answer would tell a bot it was caught (the
    /// reminder, the supporter's link) then answer as if they had done it, and do nothing.
    /// </summary>
    public static bool CaughtBot(HttpContext context) => context?.Items.ContainsKey(CaughtKey) == true;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            await next();
            return;
        }

        var services = http.RequestServices;
        var posted = await http.Request.ReadFormAsync(http.RequestAborted);
        var errors = context.ModelState;
        var retryAfter = http.Features.Get<FormLimits.Refused>()?.RetryAfter;
        if (retryAfter is { } wait)
        {
            errors.AddModelError("", $"Too many forms have been sent from your connection. Please wait {FormLimits.Describe(wait)} and send it again; what you typed is kept below.");
        }
        else
        {
            var verdict = services.GetRequiredService<FormGuard>().Judge(posted, Form);
            switch (verdict)
            {
                case FormGuard.Verdict.Honeypot:
                    http.Items[CaughtKey] = true;
                    errors.AddModelError("", "This form could not be sent: the field marked “leave this empty” has something in it. Empty it and send the form again.");
                    break;
                case FormGuard.Verdict.TooFast:
                    errors.AddModelError("", "That was sent faster than a person can fill in the form. Please check it and send it again.");
                    break;
                case FormGuard.Verdict.Stale:
                    errors.AddModelError("", "This form was open too long to send as it was. Please check it and send it again.");
                    break;
                case FormGuard.Verdict.Person when EmailField is not null && errors.IsValid
                    && posted[EmailField].ToString() is { Length: > 0 } email:
                    retryAfter = services.GetRequiredService<FormLimits>().TryMailbox(Form, services.GetRequiredService<PersonalData>().LookupHash(email));
                    if (retryAfter is { } mailboxWait)
                    {
                        errors.AddModelError(EmailField, $"We have had several requests for this address recently. Please wait {FormLimits.Describe(mailboxWait)} before asking again.");
                    }

                    break;
                default:
                    break;
            }
        }

        await next();
        if (retryAfter is { } after)
        {
            FormLimits.Refuse(http.Response, after);
        }
    }
}
