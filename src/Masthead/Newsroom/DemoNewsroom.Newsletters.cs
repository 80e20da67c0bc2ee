using Masthead.Newsletters;

namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>Each edition's two newsletters: every article as it is published, and the week's best on Sundays.</summary>
    private static IEnumerable<NewsletterList> DemoNewsletters(string edition, string? russian)
    {
        yield return new NewsletterList { Edition = edition, Name = "Every article", Description = "Each story the moment it is published.", Kind = NewsletterKind.EveryArticle, Position = 1 };
        yield return new NewsletterList { Edition = edition, Name = "Weekly", Description = "The week's reporting that matters most, on Sundays.", Kind = NewsletterKind.Weekly, Position = 2 };
        if (russian is not null)
        {
            yield return new NewsletterList { Edition = russian, Name = "Все материалы", Description = "Каждый материал сразу после публикации.", Kind = NewsletterKind.EveryArticle, Position = 1 };
            yield return new NewsletterList { Edition = russian, Name = "Еженедельная", Description = "Главное за неделю, по воскресеньям.", Kind = NewsletterKind.Weekly, Position = 2 };
        }
    }

    /// <summary>A draft of the weekly with the week's three newest stories, so the admin's newsletters page has an issue to preview, test and send.</summary>
    private static NewsletterIssue DemoIssue(NewsletterList weekly, IEnumerable<Articles.Article> articles, DateTimeOffset now) => new()
    {
        ListId = weekly.Id,
        Subject = "This week at the Meridian",
        IntroMarkdown = "Three stories from a week in which our reporters were **blocked, labelled and fined**, and kept reporting.",
        ArticleIds = string.Join(',', articles.Where(a => a.Edition == weekly.Edition).OrderByDescending(a => a.PublishAt).Take(3)
            .Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        Status = IssueStatus.Draft,
        CreatedAt = now,
    };
}
