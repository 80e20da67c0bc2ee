using System.ComponentModel.DataAnnotations;
using Masthead.Articles;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals.Admin;

/// <summary>
/// "Which appeal would this reader see?": for a reader the editor describes (never gave, 12 articles in four weeks, on
/// the Russian edition), the appeal each placement would show now, previewed, and why each other appeal is not shown.
/// A plain GET form: nothing is saved, and a described reader can be linked to.
/// </summary>
public sealed class PreviewModel(MastheadDb db, SiteEditions editions, IOptions<ContributionOptions> contributions, TimeProvider clock, IStringLocalizer<AdminText> text) : PageModel
{
    public const int MostArticles = 10_000;
    public const int MostWeeks = 53;

    public sealed class ReaderInput
    {
        public string? Edition { get; set; }

        /// <summary>A name of <see cref="ReaderState"/>.</summary>
        public string? State { get; set; }

        [Range(0, MostArticles, ErrorMessage = "Articles read: a whole number from {1} to {2}.")]
        public int Articles { get; set; }

        [Range(1, MostWeeks, ErrorMessage = "Weeks: a whole number from {1} to {2}.")]
        public int Weeks { get; set; } = 4;

        [StringLength(Appeal.TopicLength, ErrorMessage = "Keep the topic under {1} characters.")]
        public string? Topic { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public ReaderInput Input { get; set; } = new();

    public Edition Edition { get; private set; } = null!;

    public DescribedReader? Reader { get; private set; }

    public AppealView? End { get; private set; }

    public AppealView? Banner { get; private set; }

    /// <summary>The versions of the shown appeal's running test, the control first: a reader sees one of them.</summary>
    public IReadOnlyList<AppealView> EndVersions { get; private set; } = [];

    public IReadOnlyList<AppealView> BannerVersions { get; private set; } = [];

    public IReadOnlyList<(AppealView Appeal, AppealMiss Miss)> Explained { get; private set; } = [];

    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Edition = string.IsNullOrEmpty(Input.Edition) ? editions.Default : editions.Find(Input.Edition) ?? editions.Default;
        if (!string.IsNullOrEmpty(Input.Edition) && editions.Find(Input.Edition) is null)
        {
            ModelState.AddModelError("Input.Edition", text["NoSuchEdition"]);
        }

        var state = AppealInput.Named<ReaderState>(Input.State ?? nameof(ReaderState.NeverGave));
        if (state is null)
        {
            ModelState.AddModelError("Input.State", text["NoSuchReaderState"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var topic = string.IsNullOrWhiteSpace(Input.Topic) ? null : Slugs.From(Input.Topic);
        Reader = new DescribedReader(state!.Value, Input.Articles, Input.Weeks, topic);
        var appeals = await AppealView.ActiveAsync(db, Edition, contributions.Value, clock.GetUtcNow(), cancellationToken);
        (End, Banner) = AppealChoice.Choose(appeals, Reader);
        EndVersions = VersionsOf(appeals, End);
        BannerVersions = VersionsOf(appeals, Banner);
        Explained = AppealChoice.Explain(appeals, Reader);
        var ids = appeals.Select(a => a.Id).Distinct().ToList();
        Names = await db.Appeals.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return Page();
    }

    // Each version gets an element id of its own, as several are shown on one page.
    private static List<AppealView> VersionsOf(IReadOnlyList<AppealView> appeals, AppealView? shown) => shown is null ? [] :
        [.. appeals.Where(a => a.Id == shown.Id).OrderBy(a => a.Variant).Select(a => a with { ElementId = $"preview-{a.Id}-{a.Variant}" })];
}
