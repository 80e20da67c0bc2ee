namespace Masthead.Articles;

/// <summary>A byline: a person the newsroom credits, who may or may not have a staff account.</summary>
public sealed class Author
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Bio { get; set; } = "";

    /// <summary>The byline's login or id at the source it was imported from (<c>wordpress:jsmith</c>); null for bylines added here.</summary>
    public string? ImportKey { get; set; }
    public List<Article> Articles { get; set; } = [];
}
