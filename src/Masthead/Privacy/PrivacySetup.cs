using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Jobs;
using Masthead.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Privacy;

public static class PrivacySetup
{
    /// <summary>The setting that holds the master key: base64 of 32 bytes. Without it the key file is used.</summary>
    public const string KeySetting = "Masthead:Privacy:Key";

    /// <summary>Keys retired by a rotation of a configured key: base64 keys separated by commas, still read, never used for new values.</summary>
    public const string RetiredKeysSetting = "Masthead:Privacy:RetiredKeys";

    /// <summary>
    /// Registers <see cref="PersonalData"/>. The key is read (and the key file made, the first time) by the start's
    /// checks once the settings are known good, so a bad key stops the start with a clear message instead of
    /// failing at the first supporter's request.
    /// </summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new PersonalDataKeys(configuration));
        services.AddSingleton(sp => new PersonalData(sp.GetRequiredService<PersonalDataKeys>()));
        services.AddSettings<RetentionOptions>("Masthead:Privacy");
        services.AddSettingKeys(KeySetting, RetiredKeysSetting);
        services.AddSingleton<RetentionJob>();
        services.AddPeriodicJob<RetentionJob>(RetentionJob.Name, RetentionJob.Interval, (job, cancellationToken) => job.RunOnceAsync(cancellationToken));
        services.AddScoped<Retention>();
        services.AddScoped<SupporterErasure>();
        return services;
    }

    /// <summary>
    /// A start step, run under the start lock. On PostgreSQL, where several nodes share one database but each reads its
    /// own personal-data key: refuses to start a node whose key opens none of the personal data already stored (a node
    /// given no key makes a key file of its own, which reads nothing the others wrote); one unreadable value among
    /// readable ones is left to rotate-key to report. Then makes the key ring's first signing key if there is none, so
    /// that nodes starting together on an empty database share one instead of each making its own.
    /// </summary>
    public static async Task PrepareKeysAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<MastheadDb>() is not PostgresMastheadDb db)
        {
            return;
        }

        await RefuseForeignKeyAsync(scope.ServiceProvider, db);
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Masthead.Start").Protect([0]);
    }

    private static async Task RefuseForeignKeyAsync(IServiceProvider services, MastheadDb db)
    {
        var data = services.GetRequiredService<PersonalData>();
        var stored = new List<string>();
        foreach (var column in KeyRotation.Columns)
        {
            stored.AddRange(await column.SampleAsync(db, 5, CancellationToken.None));
        }

        if (stored.Count > 0 && stored.All(value => data.TryUnprotect(value) is null))
        {
            var keys = services.GetRequiredService<PersonalDataKeys>();
            throw new PersonalDataKeyMismatchException(
                $"This node's personal-data key ({(keys.Configured ? KeySetting : "the key file " + keys.KeyFilePath)}) cannot read the personal data " +
                $"already in the database: give every node the same key, in {KeySetting} or the same key file at {keys.KeyFilePath}.");
        }
    }

    /// <summary>&lt;DataDirectory&gt;/keys/personal-data.key: 32 raw bytes, mode 0600.</summary>
    public static string KeyFilePath(IConfiguration configuration) =>
        Path.Combine(MastheadPaths.DataDirectory(configuration), "keys", "personal-data.key");
}

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

/// <summary>This node's personal-data key reads none of the personal data in the database: a start refused in one sentence.</summary>
public sealed class PersonalDataKeyMismatchException(string message) : Exception(message);
