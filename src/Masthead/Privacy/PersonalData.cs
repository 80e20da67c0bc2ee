using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Masthead.Email;

namespace Masthead.Privacy;

/// <summary>
/// Encrypts supporters' personal data before it is stored, and makes the keyed hashes that let an address be found
/// without storing it in the clear. A copy of the database alone, without the master keys, reveals neither.
/// </summary>
/// <remarks>
/// It holds a key ring: the current key, which makes every new value, and retired keys, which only read what was
/// made before a rotation (<see cref="KeyRotation"/>). A value names the key that made it ("v2.&lt;key id&gt;:");
/// values from before key ids ("v1:") are read by whichever key in the ring opens them.
/// </remarks>
public sealed class PersonalData
{
    public const int KeyBytes = 32;

    private const string LegacyPrefix = "v1:";
    private const string KeyedPrefix = "v2.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] LegacyAssociatedData = Encoding.ASCII.GetBytes("v1");

    private readonly PersonalDataKeys? _source;
    private readonly Lock _reloading = new();
    private volatile Ring _ring;

    /// <param name="masterKey">32 bytes from <see cref="PrivacySetup"/>: configuration or the key file, never the database.</param>
    /// <param name="retiredKeys">Older keys, still read but never used for new values.</param>
    public PersonalData(byte[] masterKey, params IEnumerable<byte[]> retiredKeys)
    {
        _ring = new Ring(new MasterKey(masterKey), [.. retiredKeys.Select(k => new MasterKey(k))]);
    }

    /// <summary>Keys read from <paramref name="source"/>, read again when the key files change, so a running server follows a rotation.</summary>
    internal PersonalData(PersonalDataKeys source)
    {
        _source = source;
        _ring = Load(source);
    }

    /// <summary>The id of the key that makes new values.</summary>
    public string CurrentKeyId => Current().Current.Id;

    /// <summary>The ids of every key in the ring, the current one first.</summary>
    public IReadOnlyList<string> KeyIds => [.. Current().All.Select(k => k.Id)];

    /// <summary>How every value made by the current key starts; a stored value that does not start so needs re-encrypting.</summary>
    public string CurrentPrefix => Prefix(Current().Current);

    /// <summary>Encrypts <paramref name="plaintext"/> with AES-256-GCM under the current key and a fresh random nonce: "v2.&lt;key id&gt;:" + base64(nonce|ciphertext|tag).</summary>
    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var key = Current().Current;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.EncryptionKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), key.AssociatedData);
        return Prefix(key) + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext of a <see cref="Protect"/> result made by any key in the ring.</summary>
    /// <exception cref="CryptographicException">The text is not ours, was changed, or was made with a key not in the ring.</exception>
    public string Unprotect(string protectedText)
    {
        ArgumentNullException.ThrowIfNull(protectedText);
        if (protectedText.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            var body = protectedText[LegacyPrefix.Length..];
            foreach (var key in _ring.All)
            {
                if (TryOpen(body, key.EncryptionKey, LegacyAssociatedData, out var plain))
                {
                    return plain;
                }
            }

            throw new CryptographicException("This personal data was made before key ids and no key in the ring opens it.");
        }

        var colon = protectedText.IndexOf(':', StringComparison.Ordinal);
        if (!protectedText.StartsWith(KeyedPrefix, StringComparison.Ordinal) || colon < 0)
        {
            throw new CryptographicException($"Protected personal data must start with \"{KeyedPrefix}<key id>:\" or \"{LegacyPrefix}\"; this one does not.");
        }

        var id = protectedText[KeyedPrefix.Length..colon];

        // A key we have not seen was most likely made by rotate-key after this process read the ring.
        var maker = _ring.Find(id) ?? Reload().Find(id)
            ?? throw new CryptographicException($"This personal data was made with key {id}, which is not in this newsroom's key ring.");
        return TryOpen(protectedText[(colon + 1)..], maker.EncryptionKey, maker.AssociatedData, out var text)
            ? text
            : throw new CryptographicException("Protected personal data is malformed or was changed.");
    }

    /// <summary>
    /// The plaintext, or null when there is none or it cannot be read (made with a key this newsroom no longer has),
    /// for pages that show personal data and must not fail on one unreadable value.
    /// </summary>
    public string? TryUnprotect(string? protectedText)
    {
        try
        {
            return protectedText is null or "" ? null : Unprotect(protectedText);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// HMAC-SHA256 of the normalized address under the current key, base64url: the same for "Jane@Example.org " and
    /// "jane@example.org", so a supporter can be found by address, but useless for guessing addresses without the key.
    /// </summary>
    public string LookupHash(string email) => Hash(Current().Current, email);

    /// <summary>
    /// The address's hash under every key in the ring, the current one first: while a rotation is re-hashing rows,
    /// a row may still carry the hash of the key before, and a search must find it either way.
    /// </summary>
    public IReadOnlyList<string> LookupHashes(string email) => [.. Current().All.Select(key => Hash(key, email))];

    /// <summary>
    /// As <see cref="TryUnprotect"/>, for a column protected later than some of its values were written: a value that
    /// is not in the protected shape is clear text from before, returned as it is (rotate-key seals it).
    /// </summary>
    public string? TryUnprotectOrClear(string? text) => text is null || IsProtected(text) ? TryUnprotect(text) : text;

    /// <summary>Whether <paramref name="text"/> has the shape of a <see cref="Protect"/> result (it may still not open).</summary>
    public static bool IsProtected(string text) =>
        text is not null && (text.StartsWith(LegacyPrefix, StringComparison.Ordinal) || text.StartsWith(KeyedPrefix, StringComparison.Ordinal));

    /// <summary>Reads the key files again (after rotate-key changed them in this process).</summary>
    internal void ReloadKeys() => Reload();

    private static string Hash(MasterKey key, string email) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key.LookupKey, Encoding.UTF8.GetBytes(EmailAddresses.Normalize(email))));

    private static string Prefix(MasterKey key) => $"{KeyedPrefix}{key.Id}:";

    private static bool TryOpen(string base64, byte[] encryptionKey, byte[] associatedData, out string plaintext)
    {
        plaintext = "";
        var sealedBytes = new byte[base64.Length];
        if (!Convert.TryFromBase64Chars(base64, sealedBytes, out var length) || length < NonceBytes + TagBytes)
        {
            return false;
        }

        var cipher = sealedBytes.AsSpan(NonceBytes, length - NonceBytes - TagBytes);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(encryptionKey, TagBytes);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), cipher, sealedBytes.AsSpan(length - TagBytes, TagBytes), plain, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plaintext = Encoding.UTF8.GetString(plain);
        return true;
    }

    /// <summary>The ring to make new values with: read again first if the key files changed since it was read.</summary>
    private Ring Current() => _source is not null && _source.Stamp() != _ring.Stamp ? Reload() : _ring;

    private Ring Reload()
    {
        if (_source is null)
        {
            return _ring;
        }

        lock (_reloading)
        {
            _ring = Load(_source);
            return _ring;
        }
    }

    private static Ring Load(PersonalDataKeys source)
    {
        // The stamp is taken before reading, so a change made while reading is seen on the next call.
        var stamp = source.Stamp();
        var (current, retired) = source.Read();
        return new Ring(new MasterKey(current), [.. retired.Select(k => new MasterKey(k))]) { Stamp = stamp };
    }

    private sealed class Ring(MasterKey current, IReadOnlyList<MasterKey> retired)
    {
        public MasterKey Current { get; } = current;

        public IReadOnlyList<MasterKey> All { get; } = [current, .. retired.Where(k => k.Id != current.Id).DistinctBy(k => k.Id)];

        public DateTime? Stamp { get; init; }

        public MasterKey? Find(string id) => All.FirstOrDefault(k => k.Id == id);
    }

    /// <summary>One master key and what is derived from it.</summary>
    private sealed class MasterKey
    {
        public MasterKey(byte[] masterKey)
        {
            // Three keys from one: the lookup hash never reuses the encryption key, and none reveals another.
            EncryptionKey = Derive(masterKey, "masthead personal-data encryption v1");
            LookupKey = Derive(masterKey, "masthead personal-data lookup v1");
            Id = Convert.ToHexStringLower(Derive(masterKey, "masthead personal-data key id")[..4]);

            // Authenticated with each ciphertext, so relabelling a value as another key's fails instead of misreading.
            AssociatedData = Encoding.ASCII.GetBytes(KeyedPrefix + Id);
        }

        public string Id { get; }
        public byte[] EncryptionKey { get; }
        public byte[] LookupKey { get; }
        public byte[] AssociatedData { get; }
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
