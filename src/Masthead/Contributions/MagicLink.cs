namespace Masthead.Contributions;

/// <summary>
/// A single-use link that lets a supporter manage their support without an account or password. Only a hash of
/// the token is stored, so a copy of the database cannot be used to sign in as anyone.
/// </summary>
public sealed class MagicLink
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>The keyed hash of the supporter's email: the link opens every record filed under that address.</summary>
    public required string EmailHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
