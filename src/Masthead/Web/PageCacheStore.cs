using System.Collections.Concurrent;

namespace Masthead.Web;

/// <summary>The pages <see cref="PageCache"/> holds, by key, with the bytes they take and which was used least lately.</summary>
internal sealed class PageCacheStore
{
    private readonly ConcurrentDictionary<string, CachedPage> _pages = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();
    private long _bytes;
    private long _uses;

    public int Count => _pages.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(string key, out CachedPage page)
    {
        if (_pages.TryGetValue(key, out page!))
        {
            page.LastUsed = Interlocked.Increment(ref _uses);
            return true;
        }

        return false;
    }

    public void Put(string key, CachedPage page)
    {
        page.LastUsed = Interlocked.Increment(ref _uses);
        _pages.AddOrUpdate(key, page, (_, old) =>
        {
            Interlocked.Add(ref _bytes, -old.Size);
            return page;
        });
        Interlocked.Add(ref _bytes, page.Size);
    }

    /// <summary>Drops every page <paramref name="drop"/> picks.</summary>
    public void RemoveWhere(Func<CachedPage, bool> drop)
    {
        foreach (var (key, page) in _pages)
        {
            if (drop(page))
            {
                Remove(key, page);
            }
        }
    }

    /// <summary>Drops the least recently used pages until no more than <paramref name="target"/> bytes are held; one trim at a time.</summary>
    public void TrimTo(long target)
    {
        if (!_trimming.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (key, page) in _pages.ToArray().OrderBy(p => p.Value.LastUsed))
            {
                if (Bytes <= target)
                {
                    break;
                }

                Remove(key, page);
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    /// <summary>Drops <paramref name="page"/> if it is still the one kept under <paramref name="key"/>.</summary>
    public void Remove(string key, CachedPage page)
    {
        if (_pages.TryRemove(new KeyValuePair<string, CachedPage>(key, page)))
        {
            Operations.MastheadMetrics.PageCacheEvicted();
            Interlocked.Add(ref _bytes, -page.Size);
        }
    }
}
