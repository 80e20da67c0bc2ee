namespace Masthead.Newsletters;

/// <summary>The reader's newsletter addresses; each page's @page says the same.</summary>
public static class NewsletterPaths
{
    public const string Subscribe = "/newsletter";

    public static string Confirm(string token) => $"/newsletter/confirm/{token}";

    public static string Manage(string token) => $"/newsletter/manage/{token}";

    public static string Unsubscribe(string token) => $"/newsletter/unsubscribe/{token}";
}
