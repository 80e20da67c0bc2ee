using Masthead.Web;

namespace Masthead.Search;

/// <summary><c>Masthead:Search</c>: how often one client address may search.</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// Searches (the page and the API together) per client address and window. A search reads the index and every
    /// match's visibility, far more than a cached page, and no cache stands in front of it.
    /// </summary>
    public FormLimit PerAddress { get; set; } = new() { Permits = 30, Window = TimeSpan.FromMinutes(1) };
}
