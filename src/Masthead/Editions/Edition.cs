using System.Globalization;

namespace Masthead.Editions;

/// <summary>
/// A language of the newsroom's site with its own front page, lists, feeds, sitemap, appeals and default currency:
/// the default edition at the site's root, the others under a <see cref="Prefix"/> (<c>/ru</c>) or on their own
/// <see cref="BaseUrl"/>.
/// </summary>
public sealed record Edition(string Code, CultureInfo Culture, string Name, string Prefix, string? BaseUrl, bool IsDefault, string NewsroomName, string Tagline, string? Currency)
{
    /// <summary>The longest edition code a column holds: a BCP 47 tag of up to 35 characters (RFC 5646's minimum to support).</summary>
    public const int CodeLength = 35;

    /// <summary>The <c>dir</c> of the edition's pages.</summary>
    public string Direction => Culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The edition's own host name, when it has one.</summary>
    public string? Host => BaseUrl is not null && Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : null;

    /// <summary>The edition a request is in (set by <see cref="EditionRouting"/>); the default one for the admin's requests.</summary>
    public static Edition Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Edition>() ?? context.RequestServices.GetRequiredService<SiteEditions>().Default;
    }

    /// <summary>
    /// Writes in the edition's language (words, dates, numbers) until disposed, then as before: for the jobs that
    /// compose a reader's email outside any request, in the language of the edition the reader used.
    /// </summary>
    public CultureScope UseCulture() => new(Culture);

    public readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        internal CultureScope(CultureInfo culture)
        {
            (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
    }
}
