namespace Masthead.Articles;

public sealed record TagLink(string Name, string Slug);
