namespace Masthead.Redirects;

/// <summary>
/// An old address that answers 301 with a new one: made by an import for every item's former URLs, or added by an
/// editor. <see cref="FromPath"/> is kept in <see cref="RedirectPaths.Normalize"/>'s form, so a lookup is one index seek.
/// </summary>
public sealed class Redirect
{
    public int Id { get; set; }
    public required string FromPath { get; set; }
    public required string ToPath { get; set; }

    /// <summary>Who made it: <c>wordpress</c>, <c>ghost</c> or <c>editor</c>.</summary>
    public required string Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
