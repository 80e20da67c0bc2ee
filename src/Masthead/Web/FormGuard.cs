using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

/// <summary>
/// The two quiet checks every guarded form carries (see <c>Web/Pages/_FormGuard.cshtml</c>): a honeypot field
/// people never see, and a signed timestamp of when the form was shown.
/// </summary>
public sealed partial class FormGuard(IDataProtectionProvider protection, TimeProvider clock, IOptions<FormTimingOptions> timing, ILogger<FormGuard> logger)
{
    /// <summary>The honeypot: a field named to tempt form-filling bots; hidden from people and screen readers.</summary>
    public const string HoneypotField = "website";

    /// <summary>The signed moment the form was shown.</summary>
    public const string ShownAtField = "form_shown";

    public enum Verdict
    {
        Person,
        Honeypot,
        TooFast,
        Stale,
    }

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.FormGuard.ShownAt");

    /// <summary>A stamp for <paramref name="form"/> shown now: signed and encrypted, so it cannot be forged or moved to another form.</summary>
    public string Stamp(string form) =>
        _protector.Protect(form + "|" + clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public Verdict Judge(IFormCollection posted, string form)
    {
        ArgumentNullException.ThrowIfNull(posted);
        if (!string.IsNullOrEmpty(posted[HoneypotField].ToString()))
        {
            LogHoneypot(logger, form);
            return Verdict.Honeypot;
        }

        if (ShownAt(posted[ShownAtField].ToString(), form) is not { } shown)
        {
            return Verdict.Stale;
        }

        var taken = clock.GetUtcNow() - shown;
        return taken < timing.Value.MinimumFillTime ? Verdict.TooFast
            : taken > timing.Value.MaximumAge ? Verdict.Stale
            : Verdict.Person;
    }

    private DateTimeOffset? ShownAt(string stamp, string form)
    {
        if (stamp.Length is 0 or > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(stamp).Split('|');
            return parts.Length == 2 && parts[0] == form && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a {Form} form with its honeypot filled")]
    private static partial void LogHoneypot(ILogger logger, string form);
}
