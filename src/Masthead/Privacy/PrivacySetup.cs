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
        // Keys sign the staff cookie and antiforgery tokens; kept so a restart signs nobody out, and shared by every node.
        services.AddDataProtection().SetApplicationName("Masthead").PersistKeyRing(configuration);
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
