using System.Globalization;
using System.Text;
using System.Xml;
using Masthead.Data;
using Masthead.Editions;
using Masthead.SitePages;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// Full-text RSS and Atom feeds, the sitemap and robots.txt: how readers and search engines reach articles without the
/// home page. Standalone pages are in the sitemap only, never in a feed.
/// </summary>
public static class Feeds
{
    private const int FeedLength = 30;
    private const int SitemapLength = 50_000;

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        var lists = new PublicCacheAttribute(ArticleCacheTags.Lists);
        app.MapGet("/feed.xml", RssAsync).WithMetadata(lists);
        app.MapGet("/atom.xml", AtomAsync).WithMetadata(lists);
        app.MapGet("/sitemap.xml", SitemapAsync).WithMetadata(lists);
        app.MapGet("/robots.txt", (HttpContext context) =>
            Results.Text($"User-agent: *\nDisallow: /admin/\nDisallow: /api/\nSitemap: {SiteUrls.Absolute(context, "/sitemap.xml")}\n", "text/plain; charset=utf-8"))
            .WithMetadata(new PublicCacheAttribute());
    }

    private static async Task<IResult> RssAsync(HttpContext context, MastheadDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var site = Edition.Of(context);
        var articles = await LatestAsync(db, site, clock, cancellationToken);
        return Xml("application/rss+xml; charset=utf-8", xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
            xml.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", site.NewsroomName);
            xml.WriteElementString("link", SiteUrls.Absolute(context, "/"));
            xml.WriteElementString("description", site.Tagline);
            xml.WriteElementString("language", site.Code);
            xml.WriteStartElement("atom", "link", null);
            xml.WriteAttributeString("href", SiteUrls.Absolute(context, "/feed.xml"));
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            // Where to read the site when this address is blocked, for the readers whose feed still arrives.
            xml.WriteStartElement("atom", "link", null);
            xml.WriteAttributeString("href", SiteUrls.Absolute(context, "/reach"));
            xml.WriteAttributeString("rel", "related");
            xml.WriteEndElement();
            if (articles.Count > 0)
            {
                xml.WriteElementString("lastBuildDate", articles.Max(a => a.UpdatedAt).ToString("R", CultureInfo.InvariantCulture));
            }

            foreach (var article in articles)
            {
                var url = SiteUrls.Absolute(context, SiteUrls.Article(article.Slug));
                xml.WriteStartElement("item");
                xml.WriteElementString("title", article.Headline);
                xml.WriteElementString("link", url);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "true");
                xml.WriteString(url);
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", article.PublishedAt!.Value.ToString("R", CultureInfo.InvariantCulture));
                xml.WriteElementString("description", article.Standfirst);
                foreach (var author in article.Authors)
                {
                    xml.WriteElementString("dc", "creator", "http://purl.org/dc/elements/1.1/", author.Name);
                }

                foreach (var tag in article.Tags)
                {
                    xml.WriteElementString("category", tag.Name);
                }

                xml.WriteStartElement("content", "encoded", null);
                xml.WriteCData(article.BodyHtml);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    private static async Task<IResult> AtomAsync(HttpContext context, MastheadDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        const string Atom = "http://www.w3.org/2005/Atom";
        var site = Edition.Of(context);
        var articles = await LatestAsync(db, site, clock, cancellationToken);
        return Xml("application/atom+xml; charset=utf-8", xml =>
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, site.Code);
            xml.WriteElementString("title", Atom, site.NewsroomName);
            xml.WriteElementString("subtitle", Atom, site.Tagline);
            xml.WriteElementString("id", Atom, SiteUrls.Absolute(context, "/"));
            xml.WriteElementString("updated", Atom, Timestamp(articles.Count > 0 ? articles.Max(a => a.UpdatedAt) : clock.GetUtcNow()));
            WriteLink(xml, SiteUrls.Absolute(context, "/atom.xml"), "self");
            WriteLink(xml, SiteUrls.Absolute(context, "/"), "alternate");
            WriteLink(xml, SiteUrls.Absolute(context, "/reach"), "related");
            foreach (var article in articles)
            {
                var url = SiteUrls.Absolute(context, SiteUrls.Article(article.Slug));
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("title", Atom, article.Headline);
                xml.WriteElementString("id", Atom, url);
                WriteLink(xml, url, "alternate");
                xml.WriteElementString("published", Atom, Timestamp(article.PublishedAt!.Value));
                xml.WriteElementString("updated", Atom, Timestamp(article.UpdatedAt));
                foreach (var author in article.Authors)
                {
                    xml.WriteStartElement("author", Atom);
                    xml.WriteElementString("name", Atom, author.Name);
                    xml.WriteEndElement();
                }

                foreach (var tag in article.Tags)
                {
                    xml.WriteStartElement("category", Atom);
                    xml.WriteAttributeString("term", tag.Name);
                    xml.WriteEndElement();
                }

                xml.WriteElementString("summary", Atom, article.Standfirst);
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(article.BodyHtml);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, MastheadDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        const string Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var now = clock.GetUtcNow();
        var edition = Edition.Of(context).Code;
        var articles = await db.Articles.AsNoTracking().Where(a => a.Edition == edition).Visible(now).Take(SitemapLength).Select(a => new { a.Slug, a.UpdatedAt }).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(t => t.Articles.AsQueryable().Where(a => a.Edition == edition).Any(ArticleQueries.VisibleAt(now))).Select(t => t.Slug).ToListAsync(cancellationToken);
        var authors = await db.Authors.AsNoTracking().Where(w => w.Articles.AsQueryable().Where(a => a.Edition == edition).Any(ArticleQueries.VisibleAt(now))).Select(w => w.Slug).ToListAsync(cancellationToken);
        var pages = await db.SitePages.AsNoTracking().Where(p => p.Edition == edition && p.IsPublished).OrderBy(p => p.Slug).Select(p => new { p.Slug, p.UpdatedAt }).ToListAsync(cancellationToken);
        PageCache.Tag(context, SitePageCacheTags.Pages);
        return Xml("application/xml; charset=utf-8", xml =>
        {
            xml.WriteStartElement("urlset", Sitemap);
            void Url(string path, DateTimeOffset? modified)
            {
                xml.WriteStartElement("url", Sitemap);
                xml.WriteElementString("loc", Sitemap, SiteUrls.Absolute(context, path));
                if (modified is { } at)
                {
                    xml.WriteElementString("lastmod", Sitemap, Timestamp(at));
                }

                xml.WriteEndElement();
            }

            Url("/", articles.Count > 0 ? articles.Max(a => a.UpdatedAt) : null);
            articles.ForEach(a => Url(SiteUrls.Article(a.Slug), a.UpdatedAt));
            tags.ForEach(t => Url(SiteUrls.Tag(t), null));
            authors.ForEach(w => Url(SiteUrls.Author(w), null));
            pages.ForEach(p => Url("/" + p.Slug, p.UpdatedAt));
            xml.WriteEndElement();
        });
    }

    private static Task<List<ArticleView>> LatestAsync(MastheadDb db, Edition edition, TimeProvider clock, CancellationToken cancellationToken) =>
        ArticleQueries.ViewsAsync(db, db.Articles.AsNoTracking().InEdition(edition).Visible(clock.GetUtcNow()).Take(FeedLength), cancellationToken);

    private static void WriteLink(XmlWriter xml, string href, string rel)
    {
        xml.WriteStartElement("link", "http://www.w3.org/2005/Atom");
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("rel", rel);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IResult Xml(string contentType, Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return Results.Bytes(buffer.ToArray(), contentType);
    }
}
