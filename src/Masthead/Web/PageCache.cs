namespace Masthead.Web;

/// <summary>
/// Public pages held in memory, rendered once per version and compressed once (Brotli and gzip), served with an ETag
/// and answered 304 when the reader already has it (<see cref="PageCacheHits"/>, <see cref="PageCacheMiddleware"/>).
/// Nothing is kept by time: what changes evicts the pages that show it, by tag (publish, edit, unpublish, a scheduled
/// article going live, an appeal change), so readers never get stale news. Which pages it takes in is
/// <see cref="PageCacheAdmission"/>'s rule; they are held in a <see cref="PageCacheStore"/>.
/// </summary>
public sealed partial class PageCache
{
    private const string TagsItem = "Masthead.PageCache.Tags";

    private readonly PageCacheStore _store = new();
    private readonly PageCacheAdmission _admission = new();
    private long _generation;

    /// <summary>Changes at every eviction: a page rendered before an eviction and finished after it is not kept.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _store.Count;

    public long Bytes => _store.Bytes;

    /// <summary>Adds a tag to the page being rendered, e.g. the article it shows.</summary>
    public static void Tag(HttpContext context, string tag)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[TagsItem] is not List<string> tags)
        {
            context.Items[TagsItem] = tags = [];
        }

        tags.Add(tag);
    }

    internal static IEnumerable<string> TagsOf(HttpContext context) => context.Items[TagsItem] as List<string> ?? [];

    /// <summary>
    /// Drops every page that carries any of <paramref name="tags"/>, here and (on PostgreSQL) on every other node, told
    /// right after. A change made in a transaction uses <see cref="CommitAndEvictAsync"/>, which tells them in it.
    /// </summary>
    public void Evict(params string[] tags)
    {
        EvictHere(tags);
        Announce?.Invoke(tags);
    }

    /// <summary>Drops every page that carries any of <paramref name="tags"/> on this node only.</summary>
    internal void EvictHere(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        Interlocked.Increment(ref _generation);
        _store.RemoveWhere(page => page.Tags.Any(tags.Contains));
    }

    /// <summary>Drops every page, e.g. after an author's name changed in every byline, here and on every other node.</summary>
    public void EvictAll()
    {
        EvictAllHere();
        Announce?.Invoke(null);
    }

    /// <summary>Drops every page on this node only.</summary>
    internal void EvictAllHere()
    {
        Interlocked.Increment(ref _generation);
        _store.RemoveWhere(_ => true);
    }

    internal bool TryGet(string key, out CachedPage page) => _store.TryGet(key, out page);

    /// <summary>Keeps the page if admitted and no eviction happened since <paramref name="generation"/>; trims to <paramref name="maxBytes"/>.</summary>
    internal void Store(string key, CachedPage page, long generation, long maxBytes)
    {
        if (!_admission.Admits(key, page.Size, Bytes, maxBytes))
        {
            return;
        }

        _store.Put(key, page);

        // Checked after adding: an eviction that ran while this page was rendering may have missed it.
        if (Generation != generation)
        {
            _store.Remove(key, page);
        }

        if (Bytes > maxBytes)
        {
            _store.TrimTo(maxBytes * 9 / 10);
        }
    }
}
