using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Masthead.Contributions;

/// <summary>Keeps an amount, an address or a name in its own direction inside right-to-left text.</summary>
public static class Bidi
{
    // As the site's pages encode (WebSetup): letters of every script stay as they are, markup characters do not.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// <paramref name="value"/> HTML-encoded, in a <c>&lt;bdi&gt;</c> where the page's language is written right to left
    /// (so "$2" inside Arabic stays "$2"); left-to-right pages need none.
    /// </summary>
    public static string Isolate(object? value)
    {
        var text = Encoder.Encode(Convert.ToString(value, CultureInfo.CurrentCulture) ?? "");
        return CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? $"<bdi>{text}</bdi>" : text;
    }
}
