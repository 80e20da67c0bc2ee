namespace Masthead.Web;

/// <summary>
/// Which copy of a page that <see cref="PublicCacheAttribute.Varies"/> a request gets. Registered by the one feature
/// that makes pages differ between readers (Appeals), so the cache knows nothing of appeals or supporters; with none
/// registered every reader gets the shared copy.
/// </summary>
public interface IPageVariant
{
    /// <summary>
    /// The copy for this request: null for the shared one, which everyone else gets and a CDN may keep; any other name
    /// (a short word, no spaces) for a copy chosen by this reader's own cookies, kept here and sent as private. Asked
    /// before routing on every GET, so it must be cheap.
    /// </summary>
    string? Of(HttpRequest request);
}
