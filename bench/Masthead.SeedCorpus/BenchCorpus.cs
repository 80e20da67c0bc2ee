using System.Text;
using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Operations;
using Masthead.Search;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.SeedCorpus;

/// <summary>
/// A large made-up newsroom for benchmarks: published articles of realistic length and Markdown (headings, links, a
/// list, a quote), the same for the same seed, rendered by <see cref="ArticleMarkdown"/> as an editor's would be, so
/// a page costs what a real one does, and indexed for search as an editor's save would index them. A share of them
/// can be in Russian, in the <c>ru</c> edition (the rest are in <c>en</c>, the default edition unless configured);
/// about one article in a thousand of each language has each of its rare words. Revisions are left out: no reader
/// page reads them.
/// </summary>
public static class BenchCorpus
{
    public const int DefaultSeed = 20261125;

    // Large enough that per-save overhead vanishes, small enough that one batch's change tracker stays a few MB.
    private const int BatchSize = 2000;

    private static readonly string[] AuthorNames =
        ["Daria Lebedeva", "Jonathan Hale", "Irina Volkova", "Tomas Berzins", "Maya Orlova", "Peter Lindqvist"];

    private static readonly string[] TagNames =
        ["Politics", "Economy", "Courts", "Regions", "Media", "Environment", "Health", "War", "Culture", "Education", "Technology", "Investigations"];

    /// <summary>
    /// Fills a database that has no articles yet, writing each slug on its own line to <paramref name="slugs"/> when
    /// given; false, with nothing written, when there are articles already, so a real newsroom is never mixed with it.
    /// </summary>
    public static async Task<bool> SeedAsync(
        IServiceProvider services, int count, TextWriter? slugs, int seed = DefaultSeed, int russianPercent = 0, Progress? progress = null,
        BenchAppeals appeals = BenchAppeals.Plain, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (await db.Articles.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var (authors, tags) = await NewsroomAsync(db, now, appeals, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The next batch is written (on the other cores) while this one is saved.
            var next = Task.Run(() => Batch(0, count, seed, russianPercent, now, authors, tags), cancellationToken);
            for (var start = 0; start < count; start += BatchSize)
            {
                var (batch, entries, stubs) = await next;
                if (start + BatchSize < count)
                {
                    var from = start + BatchSize;
                    next = Task.Run(() => Batch(from, count, seed, russianPercent, now, authors, tags), cancellationToken);
                }

                db.ChangeTracker.Clear();
                db.AttachRange(stubs);
                db.Articles.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken);

                // Their search entries, as the editor's save writes them (with the articles' ids, known now).
                for (var i = 0; i < batch.Length; i++)
                {
                    entries[i].ArticleId = batch[i].Id;
                }

                db.SearchEntries.AddRange(entries);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var article in batch)
                {
                    slugs?.WriteLine(article.Slug);
                }

                progress?.Report("articles saved", start + batch.Length, count);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return true;
    }

    /// <summary>The bylines, topics and active appeals (<paramref name="appeals"/>) a newsroom needs beside its articles.</summary>
    private static async Task<(Author[] Authors, Tag[] Tags)> NewsroomAsync(MastheadDb db, DateTimeOffset now, BenchAppeals appeals, CancellationToken cancellationToken)
    {
        var authors = AuthorNames.Select(name => new Author { Name = name, Slug = Slugs.From(name), Bio = $"{name} reports for the newsroom from its bureau abroad." }).ToArray();
        var tags = TagNames.Select(name => new Tag { Name = name, Slug = Slugs.From(name) }).ToArray();
        db.Authors.AddRange(authors);
        db.Tags.AddRange(tags);
        if (!await db.Appeals.AnyAsync(a => a.IsActive, cancellationToken))
        {
            db.Appeals.AddRange(BenchAppealSet.Of(appeals, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return (authors, tags);
    }

    /// <summary>Articles <paramref name="from"/> onwards and their search entries (ids to be set), with their own copies of the authors and tags to attach beside them.</summary>
    private static (Article[] Batch, SearchEntry[] Entries, object[] Stubs) Batch(int from, int count, int seed, int russianPercent, DateTimeOffset now, Author[] authors, Tag[] tags)
    {
        var authorStubs = authors.Select(a => new Author { Id = a.Id, Name = a.Name, Slug = a.Slug, Bio = a.Bio }).ToArray();
        var tagStubs = tags.Select(t => new Tag { Id = t.Id, Name = t.Name, Slug = t.Slug }).ToArray();
        var batch = new Article[Math.Min(BatchSize, count - from)];
        var entries = new SearchEntry[batch.Length];
        Parallel.For(0, batch.Length, i =>
        {
            var article = batch[i] = Write(from + i, count, seed, now, authorStubs, tagStubs, russianPercent);
            entries[i] = SearchIndex.EntryOf(article);
        });
        return (batch, entries, [.. authorStubs, .. tagStubs]);
    }

    /// <summary>
    /// Article number <paramref name="index"/>: the higher the number, the more recent; ten years in all. Its language
    /// and rare word come from a generator of their own, so the English articles of a seed are the same with or
    /// without a Russian share, but for the odd rare word.
    /// </summary>
    public static Article Write(int index, int count, int seed, DateTimeOffset now, IReadOnlyList<Author> authors, IReadOnlyList<Tag> tags, int russianPercent = 0)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var extra = new Random(unchecked((seed * 7_000_003) + index));
        var language = extra.Next(100) < russianPercent ? CorpusLanguage.Russian : CorpusLanguage.English;
        var headline = Capitalise(Sentence(random, language, random.Next(6, 13)));
        var markdown = Body(random, language) + RareParagraph(extra, language);
        var publishAt = now.AddMinutes(-(double)(count - 1 - index) * 5_256_000 / count - random.Next(60));
        var stem = Slugs.From(headline);
        return new Article
        {
            Slug = $"{(stem.Length > 100 ? stem[..100].TrimEnd('-') : stem)}-{index}",
            Headline = headline,
            Standfirst = Capitalise(Sentence(random, language, random.Next(22, 36))) + ".",
            Dateline = language.Datelines[random.Next(language.Datelines.Length)],
            BodyMarkdown = markdown,
            BodyHtml = ArticleMarkdown.ToHtml(markdown),
            Edition = language.Edition,
            Status = ArticleStatus.Published,
            PublishAt = publishAt,
            CreatedAt = publishAt,
            UpdatedAt = publishAt,
            Authors = Pick(random, authors, random.Next(1, 3)),
            Tags = Pick(random, tags, random.Next(1, 4)),
        };
    }

    /// <summary>For about one article in a thousand of its language, each rare word: a closing paragraph that holds it.</summary>
    private static string RareParagraph(Random extra, CorpusLanguage language)
    {
        var pick = extra.Next(1000);
        return pick < language.RareWords.Length
            ? $"{Capitalise(Sentence(extra, language, 8))} {language.RareWords[pick]} {Sentence(extra, language, 8)}.\n"
            : "";
    }

    /// <summary>600 to 1,500 words: a lead, two to four headed sections, links, one list and one quote.</summary>
    private static string Body(Random random, CorpusLanguage language)
    {
        var target = random.Next(600, 1501);
        var sections = random.Next(2, 5);
        var (listAt, quoteAt) = (random.Next(sections), random.Next(sections));
        var text = new StringBuilder(target * 8);
        var words = 0;
        for (var section = -1; section < sections && words < target; section++)
        {
            if (section >= 0)
            {
                text.Append("## ").Append(Capitalise(Sentence(random, language, random.Next(3, 7)))).Append("\n\n");
            }

            for (var p = random.Next(2, 5); p > 0 && words < target; p--)
            {
                words += Paragraph(random, language, text);
            }

            if (section == listAt)
            {
                for (var item = random.Next(3, 6); item > 0; item--)
                {
                    var length = random.Next(6, 14);
                    text.Append("- ").Append(Capitalise(Sentence(random, language, length))).Append(";\n");
                    words += length;
                }

                text.Append('\n');
            }

            if (section == quoteAt)
            {
                var length = random.Next(20, 40);
                text.Append("> \"").Append(Capitalise(Sentence(random, language, length))).Append($",\" {language.Said} ").Append(language.Sources[random.Next(language.Sources.Length)]).Append(".\n\n");
                words += length + 3;
            }
        }

        return text.ToString();
    }

    private static int Paragraph(Random random, CorpusLanguage language, StringBuilder text)
    {
        var words = 0;
        for (var s = random.Next(3, 7); s > 0; s--)
        {
            var length = random.Next(10, 27);
            var sentence = Capitalise(Sentence(random, language, length));
            text.Append(random.Next(12) switch
            {
                0 => $"{sentence}, {language.AccordingTo} [{Sentence(random, language, 3)}](https://example.org/documents/{random.Next(100_000)}).",
                1 => $"{sentence}, {language.As} [{language.WeReported}]({SiteUrls.Tag(Slugs.From(TagNames[random.Next(TagNames.Length)]))}) {language.Earlier}.",
                2 => $"{sentence} *{Sentence(random, language, 3)}*.",
                3 => $"\"{sentence},\" {language.Said} {language.Sources[random.Next(language.Sources.Length)]}.",
                _ => sentence + ".",
            }).Append(s > 1 ? ' ' : '\n');
            words += length;
        }

        text.Append('\n');
        return words;
    }

    private static string Sentence(Random random, CorpusLanguage language, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => language.Words[random.Next(language.Words.Length)]));

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static List<T> Pick<T>(Random random, IReadOnlyList<T> from, int how) =>
        [.. Enumerable.Range(0, from.Count).OrderBy(_ => random.Next()).Take(how).Select(i => from[i])];
}
