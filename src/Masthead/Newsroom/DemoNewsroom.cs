using Masthead.Articles;
using Masthead.Data;
using Masthead.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>Fills an empty newsroom with the demo articles, so the run command shows a living site.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        if (!scope.ServiceProvider.GetRequiredService<IOptions<NewsroomOptions>>().Value.SeedDemo)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (await db.Articles.AnyAsync() || await db.Authors.AnyAsync())
        {
            return;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var editions = scope.ServiceProvider.GetRequiredService<SiteEditions>();
        var russian = editions.Find(SiteEditions.DemoCode);

        // The Russian edition's articles are seeded only when the site has that edition.
        var demos = Articles.Where(demo => demo.Edition is null || russian is not null).ToList();
        var authors = Authors.Select(a => new Author { Name = a.Name, Slug = Slugs.From(a.Name), Bio = a.Bio }).ToDictionary(a => a.Name);
        var tags = demos.SelectMany(a => a.Tags).Distinct().Select(t => new Tag { Name = t, Slug = Slugs.From(t) }).ToDictionary(t => t.Name);
        var seeded = new Dictionary<string, Article>();
        foreach (var demo in demos)
        {
            var publishedAt = now.AddHours(-demo.HoursAgo);
            var article = new Article
            {
                Slug = Slugs.From(demo.Headline),
                Headline = demo.Headline,
                Standfirst = demo.Standfirst,
                Dateline = demo.Dateline,
                BodyMarkdown = demo.Markdown,
                BodyHtml = ArticleMarkdown.ToHtml(demo.Markdown),
                Status = ArticleStatus.Published,
                Edition = demo.Edition is null ? editions.Default.Code : russian!.Code,
                PublishAt = publishedAt,
                CreatedAt = publishedAt,
                UpdatedAt = publishedAt,
                Authors = demo.Authors.Select(name => authors[name]).ToList(),
                Tags = demo.Tags.Select(name => tags[name]).ToList(),
            };
            article.Revisions.Add(ArticleRevision.Of(article, 1, publishedAt, "Demo newsroom"));
            db.Articles.Add(article);
            seeded[demo.Headline] = article;
        }

        db.Appeals.AddRange(DemoAppeals(editions.Default.Code, now));
        if (russian is not null)
        {
            var appeal = DemoAppeal("Постоянное обращение", russian.Code, RussianAppealText, now);
            (appeal.ContinueLabel, appeal.NotTodayLine, appeal.SnoozeLabel) = ("Поддержать", "Не сегодня?", "Напомнить позже");
            db.Appeals.Add(appeal);
        }

        db.SitePages.AddRange(DemoPages(editions, russian, now));
        db.Mirrors.AddRange(DemoMirrors(now));
        db.NewsletterLists.AddRange(DemoNewsletters(editions.Default.Code, russian?.Code));
        await db.SaveChangesAsync();

        // A story's id is its original's, known once that is saved.
        foreach (var demo in demos.Where(demo => demo.TranslationOf is not null))
        {
            var original = seeded[demo.TranslationOf!];
            original.StoryId = original.Id;
            seeded[demo.Headline].StoryId = original.Id;
        }

        db.NewsletterIssues.Add(DemoIssue(db.NewsletterLists.Local.First(l => l.Edition == editions.Default.Code && l.Kind == Newsletters.NewsletterKind.Weekly),
            seeded.Values, now));
        await db.SaveChangesAsync();
    }

    internal static Appeals.Appeal DemoAppeal(string name, string edition, string markdown, DateTimeOffset now) => new()
    {
        Name = name,
        Edition = edition,
        BodyMarkdown = markdown,
        BodyHtml = ArticleMarkdown.ToHtml(markdown),
        IsActive = true,
        UpdatedAt = now,
    };

    private const string AppealText = """
        We are blocked at home and labelled a "foreign agent" for reporting what you just read. No owner, no state and
        no advertiser pays for our work: readers do, a few dollars at a time.

        If every reader who values this reporting gave a little each month, we could keep our reporters safe and on the
        story for years to come.
        """;
}
