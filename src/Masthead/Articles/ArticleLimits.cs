namespace Masthead.Articles;

/// <summary>How long each field of an article may be; shared by the database schema and the forms.</summary>
public static class ArticleLimits
{
    public const int Slug = 120;
    public const int Headline = 200;
    public const int Standfirst = 500;
    public const int Dateline = 100;
    public const int CoverAlt = 300;
    public const int TagName = 60;
    public const int Body = 200_000;
    public const int TagsPerArticle = 12;
}
