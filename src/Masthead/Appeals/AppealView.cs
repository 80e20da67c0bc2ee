using System.Globalization;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

/// <summary>
/// An appeal (or one variant of its test) as it is rendered: the editors' words, the fixed parts (the ask with its
/// minimum from the contribution settings) printed in <see cref="Culture"/>, its edition's language, whatever the page's,
/// and the rule the reader script matches against the browser's own state.
/// </summary>
public sealed record AppealView(
    string Newsroom, string BodyHtml, Money MonthlyMinimum, string ContinueLabel, string NotTodayLine, string SnoozeLabel, int SnoozeDays, CultureInfo Culture)
{
    public int Id { get; init; }

    /// <summary>Its place in the order the reader script tries the page's appeals.</summary>
    public int Order { get; init; }

    /// <summary>The editors' own line above Continue; null for the standard one naming <see cref="MonthlyMinimum"/>.</summary>
    public string? AskLine { get; init; }

    /// <summary>0 for the appeal itself, the control of its test; 1, 2, 3 for the test's variants.</summary>
    public int Variant { get; init; }

    public AppealPlacement Placement { get; init; }
    public AppealAudience Audience { get; init; }
    public int MinArticles { get; init; }
    public int? BelowArticles { get; init; }
    public int ReadingWeeks { get; init; } = 4;
    public string? Topic { get; init; }
    public string BannerCap { get; init; } = "3/30/1";
    public bool BannerWithArticleAppeal { get; init; }

    /// <summary>The running test's key (its appeal and start), under which the browser keeps the variant it drew; null without a test.</summary>
    public string? Test { get; init; }

    /// <summary>Where Continue leads, before the reader script adds the campaign code.</summary>
    public string ContinueHref { get; init; } = "/support";

    /// <summary>The element's id where the default (<c>appeal</c>, <c>appeal-banner</c>) would repeat, as on the admin's preview of several.</summary>
    public string? ElementId { get; init; }

    public bool IsBanner => Placement != AppealPlacement.EndOfArticle;

    /// <summary>What a browser with no state at all sees: the page shows it to readers with JavaScript off.</summary>
    public bool SuitsAFreshBrowser =>
        Placement == AppealPlacement.EndOfArticle && Audience is AppealAudience.Readers or AppealAudience.NeverGave && MinArticles == 0 && Topic is null;

    /// <summary>The edition's appeals switched on now, in the order readers' browsers try them, each test's variants after its control.</summary>
    public static async Task<IReadOnlyList<AppealView>> ActiveAsync(
        MastheadDb db, Edition edition, ContributionOptions contributions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var appeals = await db.Appeals.AsNoTracking().Include(a => a.Variants)
            .Where(a => a.IsActive && a.Edition == edition.Code && (a.StartsAt == null || a.StartsAt <= now) && (a.EndsAt == null || a.EndsAt > now))
            .ToListAsync(cancellationToken);
        return [.. appeals.OrderBy(a => a.Priority).ThenByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
            .SelectMany(a => Versions(a, edition, contributions)).Select((view, order) => view with { Order = order })];
    }

    /// <summary>The appeal and, while its test runs, each variant.</summary>
    public static IEnumerable<AppealView> Versions(Appeal appeal, Edition edition, ContributionOptions contributions)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var control = Of(appeal, edition, contributions);
        if (appeal.Test != AppealTestStatus.Running || appeal.Variants.Count == 0)
        {
            yield return control;
            yield break;
        }

        control = control with { Test = TestKey(appeal) };
        yield return control;
        foreach (var variant in appeal.Variants.OrderBy(v => v.Number))
        {
            yield return control with
            {
                Variant = variant.Number,
                BodyHtml = variant.BodyHtml ?? control.BodyHtml,
                ContinueLabel = variant.ContinueLabel ?? control.ContinueLabel,
                AskLine = variant.AskLine ?? control.AskLine,
                ContinueHref = Href(variant.DefaultFrequency ?? appeal.DefaultFrequency, variant.SuggestedAmounts ?? appeal.SuggestedAmounts, edition, contributions),
            };
        }
    }

    public static string TestKey(Appeal appeal) =>
        string.Create(CultureInfo.InvariantCulture, $"{appeal.Id}-{appeal.TestStartedAt?.ToUnixTimeSeconds() ?? 0}");

    public static AppealView Of(Appeal appeal, Edition edition, ContributionOptions contributions)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(contributions);
        return new(edition.NewsroomName, appeal.BodyHtml, contributions.Minimum(contributions.CurrencyOf(edition), Frequency.Monthly),
            appeal.ContinueLabel, appeal.NotTodayLine, appeal.SnoozeLabel, appeal.SnoozeDays, edition.Culture)
        {
            Id = appeal.Id, Placement = appeal.Placement, Audience = appeal.Audience, MinArticles = appeal.MinArticles,
            BelowArticles = appeal.BelowArticles, ReadingWeeks = appeal.ReadingWeeks, Topic = appeal.Topic,
            BannerCap = string.Create(CultureInfo.InvariantCulture, $"{appeal.BannerCapShowings}/{appeal.BannerCapDays}/{appeal.BannerGapDays}"),
            BannerWithArticleAppeal = appeal.BannerWithArticleAppeal, AskLine = appeal.AskLine,
            ContinueHref = Href(appeal.DefaultFrequency, appeal.SuggestedAmounts, edition, contributions),
        };
    }

    /// <summary>The contribution form as the appeal opens it; amounts that no longer read (the settings changed since) are left out.</summary>
    private static string Href(Frequency? frequency, string? amounts, Edition edition, ContributionOptions contributions)
    {
        var currency = contributions.CurrencyOf(edition);
        var offered = amounts is null ? null : SupportLink.Read(amounts, contributions.For(currency), currency, frequency ?? Frequency.Monthly).Amounts;
        return SupportLink.Href(frequency, offered);
    }
}
