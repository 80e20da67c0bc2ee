using Masthead.Contributions;
using Masthead.Web;
using Microsoft.Net.Http.Headers;

namespace Masthead.Appeals;

/// <summary>
/// The appeal's copies of a page that shows it: the shared one, with the appeal, and <see cref="Hidden"/> for a reader
/// who snoozed it or supports us. Experiments and audiences (issue 12) add their names here; the cache only keys by them.
/// </summary>
internal sealed class AppealPageVariant(TimeProvider clock, SupporterPass pass) : IPageVariant
{
    public const string Hidden = "appeal-hidden";

    /// <summary>Pages that show the active appeal carry this tag, so that changing the appeal evicts them.</summary>
    public const string CacheTag = "appeal";

    // Most readers carry no cookie at all: they get the shared copy without a cookie being parsed.
    public string? Of(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Cookie) && AppealVisibility.IsHiddenFor(request, clock.GetUtcNow(), pass) ? Hidden : null;
}
