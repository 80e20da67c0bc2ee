using System.Security.Cryptography;
using Masthead.Data;

namespace Masthead.Privacy;

public static class PrivacySetup
{
    /// <summary>The setting that holds the master key: base64 of 32 bytes. Without it the key file is used.</summary>
    public const string KeySetting = "Masthead:Privacy:Key";

    /// <summary>
    /// Registers <see cref="PersonalData"/>. The key is read now, while the app is being built, so a bad key stops the
    /// start with a clear message instead of failing at the first supporter's request.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new PersonalData(MasterKey(configuration)));
        return services;
    }

    /// <summary><c>Masthead:Privacy:Key</c> when set, otherwise the key file under the data directory, made on first start.</summary>
    internal static byte[] MasterKey(IConfiguration configuration)
    {
        if (configuration[KeySetting] is { Length: > 0 } configured)
        {
            var key = new byte[configured.Length];
            if (!Convert.TryFromBase64String(configured.Trim(), key, out var length) || length != PersonalData.KeyBytes)
            {
                throw new InvalidOperationException(
                    $"{KeySetting} must be the base64 of exactly {PersonalData.KeyBytes} random bytes " +
                    "(e.g. the output of: openssl rand -base64 32). The configured value is not; it is not repeated here, being a secret.");
            }

            return key[..length];
        }

        return KeyFile(KeyFilePath(configuration));
    }

    /// <summary>&lt;DataDirectory&gt;/keys/personal-data.key: 32 raw bytes, mode 0600.</summary>
    public static string KeyFilePath(IConfiguration configuration) =>
        Path.Combine(MastheadPaths.DataDirectory(configuration), "keys", "personal-data.key");

    private static byte[] KeyFile(string path)
    {
        if (!File.Exists(path))
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
                $"the backup, or set {KeySetting}. Data protected under the lost key cannot be read without it.");
    }
}
