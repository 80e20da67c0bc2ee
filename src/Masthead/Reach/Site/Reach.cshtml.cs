using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.Extensions.Localization;

namespace Masthead.Reach.Site;

/// <summary>
/// "Reach us": where to read the newsroom when this address is blocked — its mirrors, newest first, its onion address,
/// and its own address — in the request's edition. Linked from every page's footer, newsletters and feeds.
/// </summary>
[PublicCache(ReachCacheTags.Mirrors)]
public sealed class ReachModel(MirrorList mirrors, PublicAddress address, IStringLocalizer<ReachText> text) : PublicPage
{
    public const string Path = "/reach";

    public MirrorList.Current Listed { get; private set; } = null!;

    /// <summary>The site's own front page in this edition, the first address to try.</summary>
    public string Home { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Listed = await mirrors.ReadAsync(cancellationToken);
        Home = address.ForPage(HttpContext, "/");
        Meta = new PageMeta(text["Title"], text["Description"], Path);
    }
}
