namespace Masthead.Web;

/// <summary>The message a reader sees on the error page when their request could not be answered.</summary>
public sealed record ReaderProblem(string Message);
