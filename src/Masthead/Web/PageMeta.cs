namespace Masthead.Web;

/// <summary>What the layout needs to describe a public page to browsers, search engines and link previews.</summary>
public sealed record PageMeta(string Title, string Description, string Path, string OpenGraphType = "website", string? ImagePath = null, string? JsonLd = null);
