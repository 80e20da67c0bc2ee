using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Masthead.Privacy;

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
