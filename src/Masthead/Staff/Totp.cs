using System.Security.Cryptography;
using OtpNet;

namespace Masthead.Staff;

/// <summary>
/// Time-based one-time passwords as authenticator apps make them (RFC 6238: HMAC-SHA1, 30-second steps, six digits),
/// computed and checked by Otp.NET. Ours is what no library knows: the time comes from the injected clock, and the
/// step a code matched is handed back, so the caller can refuse a step it has already accepted.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int SecretBytes = 20;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>How many steps either side of now a code is still taken, for a phone whose clock is a little off.</summary>
    public const int AllowedDrift = 1;

    private static readonly VerificationWindow Window = new(previous: AllowedDrift, future: AllowedDrift);

    /// <summary>A fresh random secret, 160 bits as RFC 4226 recommends.</summary>
    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    /// <summary>The step <paramref name="at"/> falls in.</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>The code for <paramref name="step"/>, zero-padded to <paramref name="digits"/> digits: what the staff member's app shows.</summary>
    public static string Code(byte[] secret, long step, int digits = Digits, HashAlgorithmName? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mode = (algorithm ?? HashAlgorithmName.SHA1).Name switch
        {
            "SHA256" => OtpHashMode.Sha256,
            "SHA512" => OtpHashMode.Sha512,
            _ => OtpHashMode.Sha1,
        };
        return new OtpNet.Totp(secret, (int)Step.TotalSeconds, mode, digits).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * (long)Step.TotalSeconds).UtcDateTime);
    }

    /// <summary>
    /// The step whose code <paramref name="code"/> is, within <see cref="AllowedDrift"/> of <paramref name="now"/>, or
    /// null. Spaces and dashes people type are ignored. The caller refuses a step it has already accepted.
    /// </summary>
    public static long? MatchingStep(byte[] secret, string? code, DateTimeOffset now)
    {
        var digits = Normalize(code);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit)
            && new OtpNet.Totp(secret, (int)Step.TotalSeconds, OtpHashMode.Sha1, Digits).VerifyTotp(now.UtcDateTime, digits, out var step, Window)
                ? step
                : null;
    }

    /// <summary>
    /// The <c>otpauth://</c> address authenticator apps read from the QR code (Google Authenticator's key-URI format),
    /// labelled "issuer:account".
    /// </summary>
    public static string KeyUri(byte[] secret, string issuer, string account) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}" +
        $"?secret={ToBase32(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Step.TotalSeconds}";

    /// <summary>RFC 4648 base32 without padding, the form authenticator apps take for manual entry.</summary>
    public static string ToBase32(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length == 0 ? "" : Base32Encoding.ToString(bytes).TrimEnd('=');
    }

    /// <summary>The bytes of a base32 secret; spaces, padding and case are forgiven. Null when it is not base32.</summary>
    public static byte[]? FromBase32(string? text)
    {
        var clean = Normalize(text).TrimEnd('=');
        try
        {
            return clean.Length == 0 ? [] : Base32Encoding.ToBytes(clean);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Normalize(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
