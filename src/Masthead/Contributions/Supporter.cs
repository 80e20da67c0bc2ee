namespace Masthead.Contributions;

/// <summary>
/// A person who gives, known by their payment provider's customer reference. Their email is kept only encrypted,
/// with a keyed hash to find them by it; they are anonymous unless they chose to give a name.
/// </summary>
public sealed class Supporter
{
    public int Id { get; set; }
    public required string Provider { get; set; }
    public required string CustomerRef { get; set; }
    public string? EmailProtected { get; set; }
    public string? EmailHash { get; set; }

    /// <summary>
    /// The hash under the key before the last rotation, so a magic link or manage session issued before it still
    /// opens this supporter's page; cleared when that key is retired.
    /// </summary>
    public string? PreviousEmailHash { get; set; }

    /// <summary>The name they gave, sealed with <see cref="Privacy.PersonalData.Protect"/> like the address; null when none.</summary>
    public string? Name { get; set; }
    public bool Anonymous { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public List<Subscription> Subscriptions { get; set; } = [];
    public List<Contribution> Contributions { get; set; } = [];
}
