namespace Masthead.Web;

/// <summary>
/// Which pages <see cref="PageCache"/> takes in. One larger than an eighth of the bound never. Past nine tenths of the
/// bound (where a trim brings it back to), a page must be asked for twice within a short while to be kept: otherwise
/// every archive page read once would push out a page readers come back to, and such pages, living just long enough
/// to reach the garbage collector's older generations, made memory grow for as long as those reads went on
/// (bench/results/soak.md).
/// </summary>
internal sealed class PageCacheAdmission
{
    // The addresses of recent pages the full cache turned away, by hash, one per slot (a newer one takes the slot).
    private readonly int[] _turnedAway = new int[1024];

    public bool Admits(string key, long size, long bytesHeld, long maxBytes) =>
        size <= maxBytes / 8 && (bytesHeld + size <= maxBytes * 9 / 10 || !FirstAskSince(key));

    /// <summary>Whether <paramref name="key"/> was not turned away lately; remembers it if so.</summary>
    private bool FirstAskSince(string key)
    {
        var hash = StringComparer.Ordinal.GetHashCode(key);
        ref var slot = ref _turnedAway[(uint)hash % (uint)_turnedAway.Length];
        var mark = hash | 1; // never 0, which marks an empty slot
        if (Volatile.Read(ref slot) == mark)
        {
            return false;
        }

        Volatile.Write(ref slot, mark);
        return true;
    }
}
