namespace Masthead.Articles;

/// <summary>The words of the reader's article pages and lists, in ArticlesText.resx and its translations.</summary>
public sealed class ArticlesText;
