namespace Masthead.Contributions;

/// <summary>Column lengths several of the money entities share.</summary>
internal static class StoredLengths
{
    /// <summary>A payment provider's own reference: a session, customer, subscription or event id.</summary>
    public const int ProviderReference = 255;

    /// <summary>A name of up to 200 characters, sealed by PersonalData.Protect: up to 800 bytes, plus nonce and tag, in base64 with its prefix.</summary>
    public const int ProtectedName = 1200;
}
