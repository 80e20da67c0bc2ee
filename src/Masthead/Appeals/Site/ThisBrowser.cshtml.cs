using Masthead.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals.Site;

/// <summary>
/// What this browser keeps for the appeals, and the switch that stops it and forgets it (or allows it, where the
/// newsroom asks first). The page is the same for every reader: the reader script fills in and flips what only the
/// browser knows.
/// </summary>
public sealed class ThisBrowserModel(IOptions<Newsroom.NewsroomOptions> newsroom, IStringLocalizer<AppealsText> text) : PublicPage
{
    public const string Path = "/privacy/this-browser";

    public bool AsksFirst => newsroom.Value.CountOnlyWithConsent;

    public void OnGet() => Meta = new PageMeta(text["ThisBrowserTitle"], text["ThisBrowserDescription"], Path);
}
