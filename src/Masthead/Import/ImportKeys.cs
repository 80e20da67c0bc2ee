namespace Masthead.Import;

/// <summary>
/// The key an imported author, article or page keeps: its source and its id there (<c>wordpress:42</c>,
/// <c>ghost:5f3c…</c>), so running an import again finds and updates it instead of adding it twice.
/// </summary>
public static class ImportKeys
{
    public const int MaxLength = 200;

    public static string Make(string source, string id) => $"{source}:{id}";
}
