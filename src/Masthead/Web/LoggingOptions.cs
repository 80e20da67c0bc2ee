namespace Masthead.Web;

/// <summary><c>Masthead:Logging</c>: what Masthead logs beyond its warnings and its own events.</summary>
public sealed class LoggingOptions
{
    /// <summary>One line per request (method, route, status, milliseconds; no query string, no address). Off by default.</summary>
    public bool AccessLog { get; set; }
}
