namespace Masthead.Import;

/// <summary>A member of a Ghost site, read from its members CSV export.</summary>
public sealed record ImportedMember(
    string Email,
    string Name,
    bool SubscribedToEmails,
    bool Complimentary,
    string? StripeCustomerId,
    DateTimeOffset? CreatedAt,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tiers);
