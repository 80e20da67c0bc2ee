using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Web;

/// <summary>A reader-facing page: carries its <see cref="PageMeta"/> for the layout.</summary>
public abstract class PublicPage : PageModel
{
    public PageMeta? Meta { get; protected set; }
}
