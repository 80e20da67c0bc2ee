using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Masthead.Web;

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
        var text = services.GetRequiredService<IStringLocalizer<WebText>>();
        var retryAfter = http.Features.Get<FormLimits.Refused>()?.RetryAfter;
        if (retryAfter is { } wait)
        {
            errors.AddModelError("", text["TooManyForms", FormLimits.Describe(wait, text)]);
        }
        else
        {
            var verdict = services.GetRequiredService<FormGuard>().Judge(posted, Form);
            switch (verdict)
            {
                case FormGuard.Verdict.Honeypot:
                    http.Items[CaughtKey] = true;
                    errors.AddModelError("", text["HoneypotFilled"]);
                    break;
                case FormGuard.Verdict.TooFast:
                    errors.AddModelError("", text["SentTooFast"]);
                    break;
                case FormGuard.Verdict.Stale:
                    errors.AddModelError("", text["OpenTooLong"]);
                    break;
                case FormGuard.Verdict.Person when EmailField is not null && errors.IsValid
                    && posted[EmailField].ToString() is { Length: > 0 } email:
                    retryAfter = services.GetRequiredService<FormLimits>().TryMailbox(Form, email);
                    if (retryAfter is { } mailboxWait)
                    {
                        errors.AddModelError(EmailField, text["MailboxTooOften", FormLimits.Describe(mailboxWait, text)]);
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
