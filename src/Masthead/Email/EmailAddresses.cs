using System.Globalization;

namespace Masthead.Email;

/// <summary>
/// The one rule for an email address, wherever one is typed (giving, reminders, a supporter's link, staff): one "@", a
/// local part without spaces, angle brackets or other characters that only quoted addresses use, and a domain with a
/// dot whose labels are letters, digits and hyphens once international names are turned into their ASCII form
/// ("пример.рф" is accepted as "xn--e1afmkfd.xn--p1ai"). Stricter than RFC 5321 on purpose: a quoted or bracketed
/// address is legal but no reader has one, and "&lt;script&gt;@x" must never reach a receipt or the audit log.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    private const string ForbiddenInLocalPart = "<>()[]\\,;:\"@";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The form an address is compared in: trimmed, Unicode-composed (NFC), lower-case.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);

        // NFC first: the same accented address typed on different systems can arrive composed or decomposed.
        return email.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();
    }

    public static bool IsValid(string? address)
    {
        if (address?.Trim() is not { Length: > 0 and <= MaxLength } trimmed || trimmed.Count(c => c == '@') != 1)
        {
            return false;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var (local, domain) = (trimmed[..at], trimmed[(at + 1)..]);
        if (local.Length is 0 or > 64 || local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || ForbiddenInLocalPart.Contains(c))
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = ascii.Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length is > 0 and <= 63) && !labels[^1].All(char.IsAsciiDigit);
    }
}
