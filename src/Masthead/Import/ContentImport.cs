using Masthead.Articles;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Redirects;
using Masthead.SitePages;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Import;

/// <summary>How one run writes what it read: into which edition, as whom, and whether it may write at all.</summary>
/// <param name="Edition">The edition the articles and pages join (its code); the default edition when empty.</param>
/// <param name="DryRun">Everything is done inside one transaction that is rolled back: the report is the real one, nothing stays.</param>
/// <param name="CreatedById">The staff member the imported articles are credited to in the admin (0 from the command line).</param>
/// <param name="SavedBy">The name their first revision is saved by.</param>
public sealed record ContentImportOptions(string Edition, bool DryRun, int CreatedById, string SavedBy)
{
    /// <summary>Stores the image at a URL of the export and gives its name under /media, or null with the reason in the report.</summary>
    public Func<string, CancellationToken, Task<string?>>? StoreImage { get; init; }

    /// <summary>Copies a body's images into Masthead's storage and points the body at them.</summary>
    public Func<string, CancellationToken, Task<string>>? RewriteImages { get; init; }
}

/// <summary>
/// Writes an <see cref="ImportedSite"/> into the newsroom: bylines, topics, articles, pages and the redirects from their
/// old addresses. Every item is found again by its import key (<see cref="ImportKeys"/>), so a second run updates what
/// the first wrote; the items are written in batches of <see cref="BatchSize"/>, one transaction each, so a run cut
/// short leaves whole items only and the next run carries on. The search index catches up on its own
/// (<see cref="Search.SearchCatchUp"/>), and the page cache is emptied on every node at the end.
/// </summary>
public sealed class ContentImport(MastheadDb db, TimeProvider clock, SiteEditions editions, PageCache cache)
{
    public const int BatchSize = 100;

    /// <summary>Imports <paramref name="site"/>; <paramref name="progress"/> hears the count of items written after each batch.</summary>
    public async Task RunAsync(ImportedSite site, ContentImportOptions options, ImportReport report, Func<int, Task>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var run = new Run(db, site, options, report, editions, clock.GetUtcNow());

        // A dry run holds one transaction for the whole run, so each batch sees the ones before it, then throws it all away.
        var dryRun = options.DryRun ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        // Changes are looked for once per item, not at every lookup of what is tracked: measured, the automatic look
        // took half of an import's time.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await run.BylinesAndTopicsAsync(cancellationToken);
            var done = 0;
            foreach (var batch in site.Items.Chunk(BatchSize))
            {
                await WriteBatchAsync(run, batch, dryRun, cancellationToken);
                done += batch.Length;
                if (progress is not null)
                {
                    await progress(done);
                }
            }

            if (dryRun is null)
            {
                // Imported articles, pages and navigation show on every cached page: start every node afresh.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await CacheGeneration.AnnounceAsync(db, cache.Node, null, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                cache.EvictAll();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            if (dryRun is not null)
            {
                await dryRun.RollbackAsync(cancellationToken);
                await dryRun.DisposeAsync();
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(Run run, ImportedItem[] batch, IDbContextTransaction? dryRun, CancellationToken cancellationToken)
    {
        // An editor saving one of these articles meanwhile makes the batch's save fail on its version: read it again once.
        for (var attempt = 1; ; attempt++)
        {
            var transaction = dryRun ?? await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var counts = new ImportReport();
                foreach (var item in batch)
                {
                    await run.WriteAsync(item, counts, cancellationToken);
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(cancellationToken);

                    // Written (the transaction holds it): what the next item looks up is found in the database, and
                    // finding changes stays the cost of one item, not of a batch of bodies.
                    run.Forget();
                }

                if (dryRun is null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                run.Report.Merge(counts);
                run.Forget();
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1 && dryRun is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                run.Forget();
            }
            finally
            {
                if (dryRun is null)
                {
                    await transaction.DisposeAsync();
                }
            }
        }
    }

    /// <summary>The state of one run: the bylines and topics by their source keys, and what has been claimed so far.</summary>
    private sealed class Run(MastheadDb db, ImportedSite site, ContentImportOptions options, ImportReport report, SiteEditions editions, DateTimeOffset now)
    {
        private readonly Edition edition = editions.Get(options.Edition);
        private readonly Dictionary<string, int> authorIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> tagIds = new(StringComparer.Ordinal);

        public ImportReport Report => report;

        /// <summary>Bylines matched by import key, then slug, then name, else created (never a staff account); topics by slug.</summary>
        public async Task BylinesAndTopicsAsync(CancellationToken cancellationToken)
        {
            await using var transaction = options.DryRun ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var source in site.Authors)
            {
                var key = ImportKeys.Make(site.Source, source.Key);
                var name = TypedText.Cut(source.Name.Trim() is { Length: > 0 } given ? given : source.Key, 200);
                var slug = Slugs.From(source.Slug) is { Length: > 0 } s ? s : Slugs.From(name);
                var author = await db.Authors.FirstOrDefaultAsync(a => a.ImportKey == key, cancellationToken)
                    ?? await db.Authors.FirstOrDefaultAsync(a => a.ImportKey == null && a.Slug == slug, cancellationToken)
                    ?? await db.Authors.FirstOrDefaultAsync(a => a.ImportKey == null && a.Name == name, cancellationToken);
                if (author is null)
                {
                    author = new Author { Name = name, Slug = await FreeAuthorSlugAsync(slug.Length > 0 ? slug : "author", cancellationToken), ImportKey = key };
                    db.Authors.Add(author);
                    report.Count("author created");
                }
                else
                {
                    author.ImportKey ??= key;
                    report.Count("author matched");
                }

                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                authorIds[source.Key] = author.Id;
            }

            foreach (var source in site.Topics)
            {
                var name = TypedText.Cut(source.Name.Trim(), ArticleLimits.TagName);
                var slug = Slugs.From(source.Slug) is { Length: > 0 } s ? s : Slugs.From(name);
                if (slug.Length == 0)
                {
                    report.Skip("topic", "no usable name");
                    continue;
                }

                var tag = db.Tags.Local.FirstOrDefault(t => t.Slug == slug) ?? await db.Tags.FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
                if (tag is null)
                {
                    tag = new Tag { Name = name, Slug = slug };
                    db.Tags.Add(tag);
                    report.Count("topic created");
                }
                else
                {
                    report.Count("topic matched");
                }

                await db.SaveChangesAsync(cancellationToken);
                tagIds[source.Key] = tag.Id;
                await RedirectTopicAsync(source, tag.Slug, cancellationToken);
            }

            foreach (var source in site.Authors.Where(a => authorIds.ContainsKey(a.Key)))
            {
                var slug = await db.Authors.Where(a => a.Id == authorIds[source.Key]).Select(a => a.Slug).SingleAsync(cancellationToken);
                await RedirectAsync($"/author/{source.Slug}/", SiteUrls.Author(slug), report, cancellationToken);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            Forget();
        }

        public async Task WriteAsync(ImportedItem item, ImportReport counts, CancellationToken cancellationToken)
        {
            var kind = item.Kind == ImportedKind.Page ? "page" : "article";
            if (string.IsNullOrWhiteSpace(item.Title) && string.IsNullOrWhiteSpace(item.BodyHtml))
            {
                counts.Skip(kind, "no title and no text");
                return;
            }

            // Most bodies have no image: they are not parsed a second time for nothing.
            var body = options.RewriteImages is { } rewrite && item.BodyHtml.Contains("<img", StringComparison.OrdinalIgnoreCase)
                ? await rewrite(item.BodyHtml, cancellationToken) : item.BodyHtml;
            if (ArticleMarkdown.TryToHtml(body) is not { } html)
            {
                counts.Skip(kind, "body too large or too deeply nested to render");
                counts.Warn($"{kind} {item.SourceId} \"{TypedText.Cut(item.Title, 60)}\": its body is over the renderer's budget; not imported.");
                return;
            }

            if (item.Kind == ImportedKind.Page)
            {
                await WritePageAsync(item, body, html, counts, cancellationToken);
            }
            else
            {
                await WriteArticleAsync(item, body, html, counts, cancellationToken);
            }

            if (item.Status == ImportedStatus.Withheld)
            {
                counts.Count($"{kind} withheld (private, password or members only): kept as a draft");
            }
        }

        private async Task WriteArticleAsync(ImportedItem item, string body, string html, ImportReport counts, CancellationToken cancellationToken)
        {
            var key = ImportKeys.Make(site.Source, item.SourceId);
            var article = await db.Articles.Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery().FirstOrDefaultAsync(a => a.ImportKey == key, cancellationToken);
            var isNew = article is null;
            article ??= new Article { Slug = "", Headline = "", ImportKey = key, CreatedAt = now, CreatedById = options.CreatedById, Edition = edition.Code };
            var wanted = Slugs.IsValid(item.Slug) ? item.Slug : Slugs.From(item.Slug) is { Length: > 0 } fromSlug ? fromSlug : Slugs.From(item.Title);
            var slug = await FreeArticleSlugAsync(wanted.Length > 0 ? wanted : "article-" + Slugs.From(item.SourceId), key, cancellationToken);
            if (slug != wanted && (isNew || article.Slug != slug))
            {
                counts.Count("article address taken: given a suffix");
                counts.Warn($"article {item.SourceId}: the address /articles/{wanted} is another article's; imported as /articles/{slug}.");
            }

            article.Slug = slug;
            article.Headline = Headline(item);
            article.Standfirst = TypedText.Cut(item.Excerpt.Trim(), ArticleLimits.Standfirst);
            article.BodyMarkdown = body;
            article.BodyHtml = html;
            (article.Status, article.PublishAt) = item.Status switch
            {
                ImportedStatus.Published => (ArticleStatus.Published, item.PublishedAt ?? now),
                ImportedStatus.Scheduled when item.PublishedAt > now => (ArticleStatus.Scheduled, item.PublishedAt),
                ImportedStatus.Scheduled => (ArticleStatus.Published, item.PublishedAt),

                // Drafts and anything private, password-protected or for members only never go public by an import.
                _ => (ArticleStatus.Draft, (DateTimeOffset?)null),
            };
            if (item.CoverImageUrl is { Length: > 0 } cover && options.StoreImage is { } store && await store(cover, cancellationToken) is { } name)
            {
                article.CoverImage = name;
            }

            article.Authors.Clear();
            foreach (var authorKey in item.AuthorKeys.Distinct())
            {
                if (authorIds.TryGetValue(authorKey, out var id))
                {
                    article.Authors.Add(await db.Authors.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException($"author {id} vanished"));
                }
            }

            article.Tags.Clear();
            var tags = item.TopicKeys.Where(tagIds.ContainsKey).Select(k => tagIds[k]).Distinct().ToList();
            if (tags.Count > ArticleLimits.TagsPerArticle)
            {
                counts.Warn($"article {item.SourceId}: {tags.Count} topics, of which the first {ArticleLimits.TagsPerArticle} are kept.");
            }

            foreach (var id in tags.Take(ArticleLimits.TagsPerArticle))
            {
                article.Tags.Add(await db.Tags.FindAsync([id], cancellationToken) ?? throw new InvalidOperationException($"topic {id} vanished"));
            }

            db.ChangeTracker.DetectChanges();
            if (!isNew && !db.ChangeTracker.HasChanges())
            {
                // The same export again: nothing moves, no version, no revision.
                counts.Count("article unchanged");
                await RedirectItemAsync(item, edition.Prefix + SiteUrls.Article(article.Slug), counts, cancellationToken);
                return;
            }

            // The version moves on, as an editor's save moves it: the search index and any open form see the change.
            article.UpdatedAt = now;
            article.Version++;
            var number = isNew ? 0 : await db.ArticleRevisions.Where(r => r.ArticleId == article.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
            if (isNew)
            {
                db.Articles.Add(article);
            }

            article.Revisions.Add(ArticleRevision.Of(article, number + 1, now, options.SavedBy));
            counts.Count(isNew ? "article imported" : "article updated");
            await RedirectItemAsync(item, edition.Prefix + SiteUrls.Article(article.Slug), counts, cancellationToken);
        }

        private async Task WritePageAsync(ImportedItem item, string body, string html, ImportReport counts, CancellationToken cancellationToken)
        {
            var key = ImportKeys.Make(site.Source, item.SourceId);
            var page = await db.SitePages.FirstOrDefaultAsync(p => p.ImportKey == key, cancellationToken);
            var isNew = page is null;
            page ??= new SitePage { Slug = "", Title = "", ImportKey = key, Edition = edition.Code, CreatedAt = now };
            var wanted = Slugs.IsValid(item.Slug) ? item.Slug : Slugs.From(item.Slug) is { Length: > 0 } fromSlug ? fromSlug : Slugs.From(item.Title);
            var slug = await FreePageSlugAsync(wanted.Length > 0 ? wanted : "page-" + Slugs.From(item.SourceId), page.Edition, key, cancellationToken);
            if (slug != wanted && (isNew || page.Slug != slug))
            {
                counts.Count("page address taken or reserved: given a suffix");
                counts.Warn($"page {item.SourceId}: the address /{wanted} is Masthead's own or another page's; imported as /{slug}.");
            }

            page.Slug = slug;
            page.Title = Headline(item);
            page.BodyMarkdown = body;
            page.BodyHtml = html;
            page.UpdatedAt = now;

            // A page has no schedule: one whose time has not come waits as a draft.
            page.IsPublished = item.Status == ImportedStatus.Published || (item.Status == ImportedStatus.Scheduled && item.PublishedAt <= now);
            page.Version++;
            if (isNew)
            {
                db.SitePages.Add(page);
            }

            counts.Count(isNew ? "page imported" : "page updated");
            await RedirectItemAsync(item, edition.Prefix + "/" + page.Slug, counts, cancellationToken);
        }

        private static string Headline(ImportedItem item) =>
            TypedText.Cut(item.Title.Trim() is { Length: > 0 } title ? title : $"Untitled {item.SourceId}", ArticleLimits.Headline);

        private async Task RedirectItemAsync(ImportedItem item, string to, ImportReport counts, CancellationToken cancellationToken)
        {
            foreach (var old in item.OldUrls)
            {
                await RedirectAsync(old, to, counts, cancellationToken);
            }
        }

        /// <summary>A category's old archive (<c>/category/parent/child/</c>) and a tag's (<c>/tag/y/</c>) lead to the topic's page.</summary>
        private async Task RedirectTopicAsync(ImportedTopic topic, string slug, CancellationToken cancellationToken)
        {
            var path = new List<string> { topic.Slug };
            var byKey = site.Topics.ToDictionary(t => t.Key, StringComparer.Ordinal);
            for (var parent = topic.ParentKey; parent is not null && byKey.TryGetValue(parent, out var up) && path.Count < 10; parent = up.ParentKey)
            {
                path.Insert(0, up.Slug);
            }

            var archive = topic.Key.StartsWith("tag:", StringComparison.Ordinal) ? "/tag/" + topic.Slug : "/category/" + string.Join('/', path);
            await RedirectAsync(archive, SiteUrls.Tag(slug), report, cancellationToken);
        }

        /// <summary>
        /// Adds or moves the redirect from <paramref name="from"/>; one an editor made by hand stays as it is, and no address
        /// ever leads to itself.
        /// </summary>
        private async Task RedirectAsync(string from, string to, ImportReport counts, CancellationToken cancellationToken)
        {
            if (RedirectPaths.Normalize(from) is not { } path || path == RedirectPaths.Normalize(to) || path == "/")
            {
                return;
            }

            var redirect = db.Redirects.Local.FirstOrDefault(r => r.FromPath == path) ?? await db.Redirects.FirstOrDefaultAsync(r => r.FromPath == path, cancellationToken);
            if (redirect is null)
            {
                db.Redirects.Add(new Redirect { FromPath = path, ToPath = to, Source = site.Source, CreatedAt = now });
                counts.Count("redirect made");
            }
            else if (redirect.Source == RedirectSources.Editor)
            {
                counts.Count("redirect kept: made by an editor");
            }
            else if (redirect.ToPath != to)
            {
                redirect.ToPath = to;
                counts.Count("redirect moved");
            }
        }

        private async Task<string> FreeArticleSlugAsync(string wanted, string key, CancellationToken cancellationToken) =>
            await FreeAsync(wanted, async s => db.Articles.Local.Any(a => a.Slug == s && a.ImportKey != key)
                || await db.Articles.AnyAsync(a => a.Slug == s && a.ImportKey != key, cancellationToken));

        private async Task<string> FreePageSlugAsync(string wanted, string pageEdition, string key, CancellationToken cancellationToken) =>
            await FreeAsync(wanted, async s => SitePageSlugs.IsReserved(s, editions)
                || await db.SitePages.AnyAsync(p => p.Slug == s && p.Edition == pageEdition && p.ImportKey != key, cancellationToken)
                || db.SitePages.Local.Any(p => p.Slug == s && p.Edition == pageEdition && p.ImportKey != key));

        private Task<string> FreeAuthorSlugAsync(string wanted, CancellationToken cancellationToken) =>
            FreeAsync(wanted, async s => await db.Authors.AnyAsync(a => a.Slug == s, cancellationToken) || db.Authors.Local.Any(a => a.Slug == s));

        /// <summary><paramref name="wanted"/>, or with the first free suffix (<c>-2</c>, <c>-3</c>...), cut to fit.</summary>
        private static async Task<string> FreeAsync(string wanted, Func<string, Task<bool>> taken)
        {
            var slug = wanted.Length <= ArticleLimits.Slug ? wanted : wanted[..ArticleLimits.Slug].TrimEnd('-');
            for (var n = 2; await taken(slug); n++)
            {
                var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                slug = (wanted.Length + suffix.Length <= ArticleLimits.Slug ? wanted : wanted[..(ArticleLimits.Slug - suffix.Length)].TrimEnd('-')) + suffix;
            }

            return slug;
        }

        /// <summary>Drops what this run has tracked, so memory stays flat over any number of batches.</summary>
        public void Forget() => db.ChangeTracker.Clear();
    }
}
