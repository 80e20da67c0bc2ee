namespace Masthead.Reach;

/// <summary>
/// Another address where readers reach the newsroom when its own is blocked: a static copy of the site on a host the
/// censor has not blocked yet (a new one is needed almost daily), or an address of the live site itself, such as its
/// onion service, where forms and giving work. Listed on the "Reach us" page, in newsletters and in mirrors' footers.
/// </summary>
public sealed class Mirror
{
    public const int AddressLength = 300;
    public const int NoteLength = 200;

    public int Id { get; set; }

    /// <summary>An absolute http or https address, kept in <see cref="MirrorAddress.Normalize"/>'s form (no trailing slash).</summary>
    public required string Address { get; set; }

    /// <summary>What a reader should know of it, e.g. "Updated daily" or "Open in Tor Browser".</summary>
    public string? Note { get; set; }

    /// <summary>The address reaches this server (an onion service, an alias), so forms work there and a static copy's Continue may lead to it.</summary>
    public bool ReachesLiveSite { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public bool IsOnion => MirrorAddress.IsOnion(Address);
}
