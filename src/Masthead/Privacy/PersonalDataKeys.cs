using System.Security.Cryptography;
using Masthead.Data;

namespace Masthead.Privacy;

/// <summary>
/// Where the key ring comes from. Configured: <c>Masthead:Privacy:Key</c> and <c>Masthead:Privacy:RetiredKeys</c>.
/// Otherwise files in &lt;DataDirectory&gt;/keys: <c>personal-data.key</c> (current, made on first start) and
/// <c>personal-data.&lt;key id&gt;.retired.key</c> (kept by rotate-key until no value uses them).
/// </summary>
public sealed class PersonalDataKeys(IConfiguration configuration)
{
    private const string RetiredSuffix = ".retired.key";

    /// <summary>Whether the keys come from configuration, which Masthead cannot change itself.</summary>
    public bool Configured => configuration[PrivacySetup.KeySetting] is { Length: > 0 };

    public string KeyFilePath => PrivacySetup.KeyFilePath(configuration);

    private string Directory => Path.GetDirectoryName(KeyFilePath)!;

    /// <summary>Changes whenever a key file is added, replaced or removed (the keys directory's time); null for configured keys.</summary>
    public DateTime? Stamp() => Configured || !System.IO.Directory.Exists(Directory) ? null : System.IO.Directory.GetLastWriteTimeUtc(Directory);

    /// <summary>The current key and the retired ones.</summary>
    public (byte[] Current, IReadOnlyList<byte[]> Retired) Read()
    {
        if (Configured)
        {
            var retired = (configuration[PrivacySetup.RetiredKeysSetting] ?? "")
                .Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (Parse(configuration[PrivacySetup.KeySetting]!, PrivacySetup.KeySetting), [.. retired.Select(k => Parse(k, PrivacySetup.RetiredKeysSetting))]);
        }

        var current = KeyFile(KeyFilePath, create: true);
        return (current, [.. System.IO.Directory.GetFiles(Directory, "personal-data.*" + RetiredSuffix).Order(StringComparer.Ordinal).Select(path => KeyFile(path, create: false))]);
    }

    /// <summary>
    /// Makes a new current key file and keeps the old one as retired. The retired copy is written before the current
    /// file is replaced, so a crash between the two leaves the old key in the ring twice, never lost.
    /// </summary>
    public void MakeNewCurrentKey(string oldKeyId)
    {
        var old = File.ReadAllBytes(KeyFilePath);
        var retired = Path.Combine(Directory, $"personal-data.{oldKeyId}{RetiredSuffix}");
        if (!File.Exists(retired))
        {
            PrivateFiles.WriteNew(retired, stream => stream.Write(old));
        }

        PrivateFiles.Write(KeyFilePath, stream => stream.Write(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes)), overwrite: true);
    }

    /// <summary>Deletes every retired key file; returns their names.</summary>
    public IReadOnlyList<string> DeleteRetiredKeyFiles()
    {
        var files = System.IO.Directory.GetFiles(Directory, "personal-data.*" + RetiredSuffix);
        foreach (var file in files)
        {
            File.Delete(file);
        }

        return [.. files.Select(Path.GetFileName).OfType<string>()];
    }

    private static byte[] Parse(string configured, string setting)
    {
        var key = new byte[configured.Length];
        if (!Convert.TryFromBase64String(configured.Trim(), key, out var length) || length != PersonalData.KeyBytes)
        {
            throw new InvalidOperationException(
                $"{setting} must be the base64 of exactly {PersonalData.KeyBytes} random bytes " +
                "(e.g. the output of: openssl rand -base64 32). The configured value is not; it is not repeated here, being a secret.");
        }

        return key[..length];
    }

    private static byte[] KeyFile(string path, bool create)
    {
        if (create && !File.Exists(path))
        {
            PrivateFiles.Directory(Path.GetDirectoryName(path)!);
            try
            {
                PrivateFiles.WriteNew(path, stream => stream.Write(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process starting on the same data directory made it first; both use that one.
            }
        }

        var key = File.ReadAllBytes(path);

        // Never replace a bad key file with a new key: everything protected under the old one would be lost for good.
        return key.Length == PersonalData.KeyBytes
            ? key
            : throw new InvalidOperationException(
                $"The personal-data key file {path} holds {key.Length} bytes, not {PersonalData.KeyBytes}. Restore it from " +
                $"the backup, or set {PrivacySetup.KeySetting}. Data protected under the lost key cannot be read without it.");
    }
}
