namespace Masthead.Contributions;

/// <summary>What became of a request to renew a pass.</summary>
public enum PassRenewal
{
    Renewed,

    /// <summary>No pass, a forged one, or one from before tokens.</summary>
    NoPass,

    /// <summary>Renewed less than <see cref="SupporterPass.RenewalInterval"/> ago.</summary>
    TooSoon,

    /// <summary>Revoked, replaced by a renewal elsewhere, or the support has ended.</summary>
    Refused,
}
