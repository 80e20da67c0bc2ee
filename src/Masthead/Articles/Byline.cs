namespace Masthead.Articles;

public sealed record Byline(string Name, string Slug);
