using Masthead.Articles;
using Masthead.Data;
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
        var authors = Authors.Select(a => new Author { Name = a.Name, Slug = Slugs.From(a.Name), Bio = a.Bio }).ToDictionary(a => a.Name);
        var tags = Articles.SelectMany(a => a.Tags).Distinct().Select(t => new Tag { Name = t, Slug = Slugs.From(t) }).ToDictionary(t => t.Name);
        foreach (var demo in Articles)
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
                PublishAt = publishedAt,
                CreatedAt = publishedAt,
                UpdatedAt = publishedAt,
                Authors = demo.Authors.Select(name => authors[name]).ToList(),
                Tags = demo.Tags.Select(name => tags[name]).ToList(),
            };
            article.Revisions.Add(ArticleRevision.Of(article, 1, publishedAt, "Demo newsroom"));
            db.Articles.Add(article);
        }

        db.Appeals.Add(new Appeals.Appeal
        {
            Name = "Standing appeal",
            BodyMarkdown = AppealText,
            BodyHtml = ArticleMarkdown.ToHtml(AppealText),
            IsActive = true,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    private const string AppealText = """
        We are blocked at home and labelled a "foreign agent" for reporting what you just read. No owner, no state and
        no advertiser pays for our work: readers do, a few dollars at a time.

        If every reader who values this reporting gave a little each month, we could keep our reporters safe and on the
        story for years to come.
        """;
}
