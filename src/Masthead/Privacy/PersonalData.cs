using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Privacy;

/// <summary>
/// Encrypts supporters' personal data before it is stored, and makes the keyed hashes that let an address be found
/// without storing it in the clear. A copy of the database alone, without the master key, reveals neither.
/// </summary>
/// <param name="masterKey">32 bytes from <see cref="PrivacySetup"/>: configuration or the key file, never the database.</param>
public sealed class PersonalData(byte[] masterKey)
{
    public const int KeyBytes = 32;

    // The key version the output starts with, so a later rotate-key can tell old values from new ones.
    private const string Version = "v1";
    private const string Prefix = Version + ":";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    // Authenticated with each ciphertext, so relabelling a value as another key version fails instead of misreading.
    private static readonly byte[] VersionBytes = Encoding.ASCII.GetBytes(Version);

    // Two keys from one master key: the lookup hash never reuses the encryption key, and neither reveals the other.
    private readonly byte[] _encryptionKey = Derive(masterKey, "masthead personal-data encryption v1");
    private readonly byte[] _lookupKey = Derive(masterKey, "masthead personal-data lookup v1");

    /// <summary>Encrypts <paramref name="plaintext"/> with AES-256-GCM under a fresh random nonce: "v1:" + base64(nonce|ciphertext|tag).</summary>
    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), VersionBytes);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext of a <see cref="Protect"/> result.</summary>
    /// <exception cref="CryptographicException">The text is not ours, was changed, or was made with another key.</exception>
    public string Unprotect(string protectedText)
    {
        ArgumentNullException.ThrowIfNull(protectedText);
        if (!protectedText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException($"Protected personal data must start with \"{Prefix}\"; this key version is unknown.");
        }

        var sealedBytes = new byte[protectedText.Length];
        if (!Convert.TryFromBase64Chars(protectedText.AsSpan(Prefix.Length), sealedBytes, out var length) || length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("Protected personal data is malformed.");
        }

        var cipher = sealedBytes.AsSpan(NonceBytes, length - NonceBytes - TagBytes);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_encryptionKey, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), cipher, sealedBytes.AsSpan(length - TagBytes, TagBytes), plain, VersionBytes);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// The plaintext, or null when there is none or it cannot be read (made with a key this newsroom no longer has),
    /// for pages that show personal data and must not fail on one unreadable value.
    /// </summary>
    public string? TryUnprotect(string? protectedText)
    {
        try
        {
            return protectedText is null ? null : Unprotect(protectedText);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// HMAC-SHA256 of the normalized address, base64url: the same for "Jane@Example.org " and "jane@example.org", so a
    /// supporter can be found by address, but useless for guessing addresses without the key.
    /// </summary>
    public string LookupHash(string email) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(NormalizeEmail(email))));

    /// <summary>The form an address is compared in: trimmed, Unicode-composed (NFC), lower-case.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);

        // NFC first: the same accented address typed on different systems can arrive composed or decomposed.
        return email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    private static byte[] Derive(byte[] masterKey, string purpose)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        if (masterKey.Length != KeyBytes)
        {
            throw new ArgumentException($"The personal-data master key must be {KeyBytes} bytes, not {masterKey.Length}.", nameof(masterKey));
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, KeyBytes, info: Encoding.UTF8.GetBytes(purpose));
    }
}
