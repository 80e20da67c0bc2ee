using Masthead.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Masthead.Privacy;

/// <summary>
/// Where the keys that sign staff cookies, antiforgery tokens, form stamps and supporter passes live. One node (SQLite):
/// files in &lt;DataDirectory&gt;/keys, beside the personal-data key. Several nodes (PostgreSQL): the database, so what one
/// node signs every node honours; there each key is encrypted with the personal-data key, which is never in the
/// database, so a copy of the database alone cannot forge a staff cookie.
/// </summary>
public static class KeyRing
{
    public static IDataProtectionBuilder PersistKeyRing(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = configuration.GetSection("Masthead:Database").Get<DatabaseOptions>() ?? new();
        if (!database.IsPostgres)
        {
            return builder.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(MastheadPaths.DataDirectory(configuration), "keys")));
        }

        builder.PersistKeysToDbContext<PostgresMastheadDb>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlEncryptor = new KeyRingEncryptor(services.GetRequiredService<PersonalData>())));
        return builder;
    }
}
