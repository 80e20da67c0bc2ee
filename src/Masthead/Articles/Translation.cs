namespace Masthead.Articles;

/// <summary>The same story in another edition: its edition's code, its address and its headline there.</summary>
public sealed record Translation(string Edition, string Slug, string Headline);
