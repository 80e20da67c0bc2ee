namespace Masthead.Editions;

/// <summary>The same page in another edition: an <c>hreflang</c> alternate and the visible "Read in …" link.</summary>
public sealed record EditionLink(Edition Edition, string Url);
