using Masthead.Editions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Web;

/// <summary>A reader-facing page: carries its <see cref="PageMeta"/> for the layout.</summary>
public abstract class PublicPage : PageModel
{
    public PageMeta? Meta { get; protected set; }

    /// <summary>This page in the site's other editions, for <c>hreflang</c> and the links between them; empty where it has none.</summary>
    public IReadOnlyList<EditionLink> Translations { get; protected set; } = [];

    /// <summary>The edition this page is printed in.</summary>
    protected Edition Edition => Edition.Of(HttpContext);
}
