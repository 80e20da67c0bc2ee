namespace Masthead.Web;

/// <summary>
/// Query parameters a page or API does not know. The API refuses them (400, naming them) so a client's typo is
/// caught; public pages redirect to the address without them, because shared links arrive carrying
/// utm_source, fbclid and the like, and a reader must never meet an error for that — one address per page also
/// keeps one cached copy per page.
/// </summary>
public static class QueryParameters
{
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Only(params string[] allowed) =>
        (invocation, next) =>
        {
            var unknown = Unknown(invocation.HttpContext.Request.Query, allowed);
            if (unknown.Count == 0)
            {
                return next(invocation);
            }

            return ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown query parameter",
                detail: $"This address does not take {string.Join(", ", unknown)}. It takes: {string.Join(", ", allowed)}."));
        };

    public static List<string> Unknown(IQueryCollection query, IReadOnlyCollection<string> allowed) =>
        query.Keys.Where(k => !allowed.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
}
