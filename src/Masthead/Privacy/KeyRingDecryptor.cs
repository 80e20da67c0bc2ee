using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Masthead.Privacy;

/// <summary>Opens what <see cref="KeyRingEncryptor"/> sealed, with any key in the personal-data key ring (current or retired).</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        return XElement.Parse(services.GetRequiredService<PersonalData>().Unprotect(encryptedElement.Value));
    }
}
