using System.Globalization;

namespace Masthead.Web;

/// <summary>The "?page=" of a list, as typed into the address bar.</summary>
public static class PageNumber
{
    public const string Problem = "The page number must be a whole number from 1 up.";

    /// <summary>1 when absent; null when it is not a whole number from 1 up.</summary>
    public static int? Parse(string? text) =>
        text is null ? 1 : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : null;
}
