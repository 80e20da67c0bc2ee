using Masthead.Articles;

namespace Masthead.SitePages;

/// <summary>
/// The <c>sitepage</c> route constraint: only a valid slug (letters, digits, dashes) reaches the page at <c>/{slug}</c>.
/// Routing runs before the static files, so without it <c>/site.css</c> would match the page and answer 404.
/// </summary>
public sealed class SitePageSlugConstraint : IRouteConstraint
{
    public const string Name = "sitepage";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value) && Slugs.IsValid(value as string);
    }
}
