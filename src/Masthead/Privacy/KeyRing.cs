using System.Xml.Linq;
using Masthead.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
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

/// <summary>Seals a key's XML with <see cref="PersonalData.Protect"/>: AES-256-GCM under a key derived from the personal-data key.</summary>
internal sealed class KeyRingEncryptor(PersonalData personalData) : IXmlEncryptor
{
    public const string ElementName = "personalDataSealed";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var sealedElement = new XElement(ElementName, personalData.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        return new EncryptedXmlInfo(sealedElement, typeof(KeyRingDecryptor));
    }
}

/// <summary>Opens what <see cref="KeyRingEncryptor"/> sealed, with any key in the personal-data key ring (current or retired).</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        return XElement.Parse(services.GetRequiredService<PersonalData>().Unprotect(encryptedElement.Value));
    }
}
