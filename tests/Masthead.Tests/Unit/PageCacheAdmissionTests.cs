using Masthead.Web;

namespace Masthead.Tests.Unit;

/// <summary>
/// The page cache's byte bound, seen through <see cref="PageCache"/> itself: pages of about 13.6 KB against a budget of
/// 140 KB, so nine fit freely, a tenth takes it past nine tenths, and an eleventh past the bound.
/// </summary>
public sealed class PageCacheAdmissionTests
{
    private const long Budget = 140 * 1024;

    private static CachedPage Page(int number) =>
        CachedPage.Create(Enumerable.Repeat((byte)number, 10 * 1024).ToArray(), "text/html", ["article:" + number], varies: false);

    /// <summary>Ten pages, each asked for twice, as pages readers come back to are.</summary>
    private static PageCache Full()
    {
        var cache = new PageCache();
        for (var i = 0; i < 10; i++)
        {
            cache.Store("s /articles/" + i, Page(i), cache.Generation, Budget);
            cache.Store("s /articles/" + i, Page(i), cache.Generation, Budget);
        }

        Assert.Equal(10, cache.Count);
        return cache;
    }

    [Fact]
    public void Pages_are_kept_from_their_first_reading_while_there_is_room()
    {
        var cache = new PageCache();
        for (var i = 0; i < 9; i++)
        {
            cache.Store("s /articles/" + i, Page(i), cache.Generation, Budget);
        }

        Assert.Equal(9, cache.Count);
        Assert.True(cache.TryGet("s /articles/0", out _));
    }

    [Fact]
    public void Once_full_a_page_read_once_pushes_nothing_out()
    {
        var cache = Full();
        cache.Store("s /articles/archive", Page(99), cache.Generation, Budget);

        Assert.False(cache.TryGet("s /articles/archive", out _));
        Assert.Equal(10, cache.Count);
    }

    [Fact]
    public void Once_full_a_page_asked_for_again_takes_the_place_of_the_least_recently_read()
    {
        var cache = Full();
        for (var i = 1; i < 10; i++)
        {
            Assert.True(cache.TryGet("s /articles/" + i, out _));
        }

        cache.Store("s /articles/archive", Page(99), cache.Generation, Budget);
        cache.Store("s /articles/archive", Page(99), cache.Generation, Budget);

        Assert.True(cache.TryGet("s /articles/archive", out _));
        Assert.False(cache.TryGet("s /articles/0", out _));
        Assert.True(cache.Bytes <= Budget);
    }
}
