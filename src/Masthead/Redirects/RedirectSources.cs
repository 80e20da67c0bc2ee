namespace Masthead.Redirects;

/// <summary>Who made a <see cref="Redirect"/>: an import names its source (<c>wordpress</c>, <c>ghost</c>); editors are <see cref="Editor"/>, and imports never move theirs.</summary>
public static class RedirectSources
{
    public const string Editor = "editor";
}
