namespace Masthead.Articles;

/// <summary>What cached pages of articles show (see <see cref="Web.PageCache"/>). Evicting a tag drops every page that carries it.</summary>
public static class ArticleCacheTags
{
    /// <summary>Every list of articles: the front, tag and author pages, the feeds, the sitemap, the content API's list.</summary>
    public const string Lists = "lists";

    public static string Article(int id) => "article:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
