namespace Masthead.Web;

/// <summary>
/// Marks an endpoint whose successful answers are the same for every reader, so <see cref="PageCache"/> may keep them.
/// <paramref name="tags"/> name what the page shows, so that changing it evicts the page; a page adds tags of its own
/// with <see cref="PageCache.Tag"/>. A page that <see cref="Varies"/> is kept once per copy <see cref="IPageVariant"/> names.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicCacheAttribute(params string[] tags) : Attribute
{
    public IReadOnlyList<string> Tags { get; } = tags;

    /// <summary>Whether readers may get different copies of this address (the article page: appeal shown or hidden).</summary>
    public bool Varies { get; init; }
}
