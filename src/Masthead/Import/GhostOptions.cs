namespace Masthead.Import;

/// <summary>
/// How a Ghost export is read: <see cref="SiteUrl"/> is the address the Ghost site had, written in for the
/// <c>__GHOST_URL__</c> placeholder Ghost puts before its own links (without one, those links become root-relative);
/// <see cref="MembersOnlyAsPublic"/> publishes members-only posts instead of withholding them.
/// </summary>
public sealed record GhostOptions(Uri? SiteUrl = null, bool MembersOnlyAsPublic = false);
