using Microsoft.Extensions.Localization;

namespace Masthead.Web;

/// <summary>
/// A posted form ASP.NET Core refuses to read (a NUL byte in a value, more fields than its limits allow) answers
/// 400 with a plain reason, instead of failing wherever the form is first read: in a page that was a 404, and in
/// the snooze endpoint a 500.
/// </summary>
public sealed class UnreadableForms(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // The error page is shown for this same request: it must find an empty form, not try the body again.
                context.Request.Form = FormCollection.Empty;
                context.Features.Set(new ReaderProblem(context.RequestServices.GetRequiredService<IStringLocalizer<WebText>>()[nameof(UnreadableForms)]));
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }
}
