using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Web;

/// <summary>On a public page, sends the reader to the same address without parameters the page does not use.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CanonicalQueryAttribute(params string[] allowed) : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) && QueryParameters.Unknown(request.Query, allowed).Count > 0)
        {
            var kept = request.Query.Where(p => allowed.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
                .Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()));
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(
                request.PathBase + request.Path + QueryString.Create(kept!).ToUriComponent(), permanent: true);
            return;
        }

        await next();
    }
}
