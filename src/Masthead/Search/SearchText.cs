namespace Masthead.Search;

/// <summary>The words of the search page and of the content API's answers to <c>?q=</c>, in SearchText.resx and its translations.</summary>
public sealed class SearchText;
