namespace Masthead.Articles;

/// <summary>Where an article stands in its life.</summary>
public enum ArticleStatus
{
    Draft,
    Scheduled,
    Published,
    Unpublished,
}
