using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Masthead.Articles;
using Masthead.Editions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Masthead.Appeals.Admin;

/// <summary>What an editor types into the appeal form. The snooze days stay text so "abc" comes back beside its message.</summary>
public sealed class AppealInput
{
    public const int MinSnoozeDays = 1;
    public const int MaxSnoozeDays = 90;

    [Required(ErrorMessage = "Name the appeal for editors, e.g. “Year-end 2026”.")]
    [StringLength(Appeal.NameLength, ErrorMessage = "Keep the name under {1} characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Write what the newsroom wants to tell its readers.")]
    [StringLength(Appeal.MaxBody, ErrorMessage = "Keep the message under {1} characters: readers stop reading long before that.")]
    public string? Body { get; set; }

    [Required(ErrorMessage = "The Continue button needs a label.")]
    [StringLength(Appeal.LabelLength, ErrorMessage = "Keep the button's label under {1} characters.")]
    public string? ContinueLabel { get; set; } = "Continue";

    [StringLength(Appeal.LabelLength, ErrorMessage = "Keep this line under {1} characters.")]
    public string? NotTodayLine { get; set; } = "Not today?";

    /// <summary>Empty for the form's own; else a name of <see cref="Contributions.Frequency"/>.</summary>
    public string? DefaultFrequency { get; set; }

    /// <summary>"3 5 10" in the edition's currency; empty for the settings' amounts.</summary>
    [StringLength(SupportLink.AmountsLength, ErrorMessage = "Keep the amounts under {1} characters.")]
    public string? SuggestedAmounts { get; set; }

    /// <summary>Empty for the standard line, which names the monthly minimum.</summary>
    [StringLength(Appeal.AskLength, ErrorMessage = "Keep the ask under {1} characters.")]
    public string? AskLine { get; set; }

    [Required(ErrorMessage = "The Remind me later button needs a label.")]
    [StringLength(Appeal.LabelLength, ErrorMessage = "Keep the button's label under {1} characters.")]
    public string? SnoozeLabel { get; set; } = "Remind me later";

    /// <summary>The code of the edition whose readers see it; the default edition when empty.</summary>
    public string? Edition { get; set; }

    /// <summary>Text, so that "abc" or "1000" comes back in the field beside its message.</summary>
    public string? SnoozeDays { get; set; } = "7";

    /// <summary>A name of <see cref="AppealAudience"/>.</summary>
    public string? Audience { get; set; } = nameof(AppealAudience.Readers);

    [Range(0, 1000, ErrorMessage = "Articles read: a whole number from {1} to {2}.")]
    public int? MinArticles { get; set; }

    [Range(1, 1000, ErrorMessage = "Articles read: a whole number from {1} to {2}.")]
    public int? BelowArticles { get; set; }

    [Range(1, 52, ErrorMessage = "Weeks: a whole number from {1} to {2}.")]
    public int? ReadingWeeks { get; set; } = 4;

    [StringLength(Appeal.TopicLength, ErrorMessage = "Keep the topic under {1} characters.")]
    public string? Topic { get; set; }

    /// <summary>A name of <see cref="AppealPlacement"/>.</summary>
    public string? Placement { get; set; } = nameof(AppealPlacement.EndOfArticle);

    [Range(0, 1000, ErrorMessage = "Priority: a whole number from {1} to {2}.")]
    public int? Priority { get; set; } = 100;

    /// <summary>In the newsroom's time zone, as the datetime-local field gives it.</summary>
    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    [Range(1, 100, ErrorMessage = "Showings: a whole number from {1} to {2}.")]
    public int? BannerCapShowings { get; set; } = 3;

    [Range(1, 365, ErrorMessage = "Days: a whole number from {1} to {2}.")]
    public int? BannerCapDays { get; set; } = 30;

    [Range(0, 365, ErrorMessage = "Days: a whole number from {1} to {2}.")]
    public int? BannerGapDays { get; set; } = 1;

    public bool BannerWithArticleAppeal { get; set; }

    /// <summary>The appeal's <see cref="Appeal.Version"/> when this form loaded it, to catch another editor's save in between.</summary>
    public int Version { get; set; }

    public int? Days() => int.TryParse(SnoozeDays?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : null;

    public static AppealInput From(Appeal appeal, TimeZoneInfo zone) => new()
    {
        Name = appeal.Name, Body = appeal.BodyMarkdown, ContinueLabel = appeal.ContinueLabel, AskLine = appeal.AskLine, NotTodayLine = appeal.NotTodayLine,
        DefaultFrequency = appeal.DefaultFrequency?.ToString(), SuggestedAmounts = appeal.SuggestedAmounts,
        SnoozeLabel = appeal.SnoozeLabel, Edition = appeal.Edition, SnoozeDays = appeal.SnoozeDays.ToString(CultureInfo.InvariantCulture), Version = appeal.Version,
        Audience = appeal.Audience.ToString(), MinArticles = appeal.MinArticles, BelowArticles = appeal.BelowArticles, ReadingWeeks = appeal.ReadingWeeks,
        Topic = appeal.Topic, Placement = appeal.Placement.ToString(), Priority = appeal.Priority,
        StartsAt = appeal.StartsAt is { } starts ? TimeZoneInfo.ConvertTime(starts, zone).DateTime : null,
        EndsAt = appeal.EndsAt is { } ends ? TimeZoneInfo.ConvertTime(ends, zone).DateTime : null,
        BannerCapShowings = appeal.BannerCapShowings, BannerCapDays = appeal.BannerCapDays, BannerGapDays = appeal.BannerGapDays,
        BannerWithArticleAppeal = appeal.BannerWithArticleAppeal,
    };

    public AppealAudience? AudienceValue() => Named<AppealAudience>(Audience);

    public AppealPlacement? PlacementValue() => Named<AppealPlacement>(Placement);

    /// <summary>The member of <typeparamref name="T"/> named exactly <paramref name="name"/>, or null: by name only, since Enum.TryParse would also take "1" or "Readers, Supporters".</summary>
    internal static T? Named<T>(string? name) where T : struct, Enum =>
        Enum.GetNames<T>().Contains(name ?? "", StringComparer.Ordinal) ? Enum.Parse<T>(name!) : null;

    /// <summary>The checks the attributes cannot make; each message lands beside its field, named under <paramref name="prefix"/>.</summary>
    public void Validate(ModelStateDictionary errors, string prefix, SiteEditions editions, Contributions.ContributionOptions contributions, IStringLocalizer<AdminText> text)
    {
        ArgumentNullException.ThrowIfNull(editions);
        ArgumentNullException.ThrowIfNull(text);
        if (!string.IsNullOrEmpty(Edition) && editions.Find(Edition) is null)
        {
            errors.AddModelError($"{prefix}.{nameof(Edition)}", text["ChooseEdition", editions.Codes]);
        }

        var frequency = Named<Contributions.Frequency>(DefaultFrequency);
        if (!string.IsNullOrEmpty(DefaultFrequency) && frequency is null)
        {
            errors.AddModelError($"{prefix}.{nameof(DefaultFrequency)}", text["ChooseFrequency"]);
        }

        CheckAmounts(SuggestedAmounts, editions.Get(Edition), frequency, contributions, errors, $"{prefix}.{nameof(SuggestedAmounts)}", text);

        var field = $"{prefix}.{nameof(SnoozeDays)}";
        if (string.IsNullOrWhiteSpace(SnoozeDays))
        {
            errors.AddModelError(field, text["SnoozeDaysMissing", MinSnoozeDays, MaxSnoozeDays]);
        }
        else if (Days() is not { } days)
        {
            errors.AddModelError(field, text["SnoozeDaysWhole"]);
        }
        else if (days is < MinSnoozeDays or > MaxSnoozeDays)
        {
            errors.AddModelError(field, text["SnoozeDaysRange", MinSnoozeDays, MaxSnoozeDays]);
        }

        if (AudienceValue() is null)
        {
            errors.AddModelError($"{prefix}.{nameof(Audience)}", text["ChooseAudience"]);
        }

        if (PlacementValue() is null)
        {
            errors.AddModelError($"{prefix}.{nameof(Placement)}", text["ChoosePlacement"]);
        }

        if (BelowArticles is { } below && below <= (MinArticles ?? 0))
        {
            errors.AddModelError($"{prefix}.{nameof(BelowArticles)}", text["BelowAboveMin"]);
        }

        if (StartsAt is { } starts && EndsAt is { } ends && ends <= starts)
        {
            errors.AddModelError($"{prefix}.{nameof(EndsAt)}", text["EndsBeforeStart"]);
        }

        if (Body is { } body && errors.IsValid && ArticleMarkdown.TryToHtml(body) is null)
        {
            errors.AddModelError($"{prefix}.{nameof(Body)}", text["TooComplex"]);
        }
    }

    /// <summary>Amounts typed for <paramref name="edition"/>'s currency, checked against the form's bounds for the frequency it opens with.</summary>
    internal static void CheckAmounts(
        string? typed, Edition edition, Contributions.Frequency? frequency, Contributions.ContributionOptions contributions, ModelStateDictionary errors, string field, IStringLocalizer<AdminText> text)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(typed))
        {
            return;
        }

        var currency = contributions.CurrencyOf(edition);
        if (SupportLink.Read(typed, contributions.For(currency), currency, frequency ?? Contributions.Frequency.Monthly).Problem is { } problem)
        {
            errors.AddModelError(field, text[problem, currency]);
        }
    }

    /// <summary>Copies the form onto <paramref name="appeal"/>, rendering the Markdown once, now, as articles do.</summary>
    public void ApplyTo(Appeal appeal, SiteEditions editions, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(editions);
        appeal.Edition = editions.Get(Edition).Code;
        appeal.Name = Name?.Trim() ?? "";
        appeal.BodyMarkdown = Body ?? "";
        appeal.BodyHtml = ArticleMarkdown.ToHtml(appeal.BodyMarkdown);
        appeal.ContinueLabel = ContinueLabel?.Trim() ?? "";
        appeal.AskLine = string.IsNullOrWhiteSpace(AskLine) ? null : AskLine.Trim();
        appeal.DefaultFrequency = Named<Contributions.Frequency>(DefaultFrequency);
        appeal.SuggestedAmounts = SupportLink.Normalize(SuggestedAmounts);
        appeal.NotTodayLine = NotTodayLine?.Trim() ?? "";
        appeal.SnoozeLabel = SnoozeLabel?.Trim() ?? "";
        appeal.SnoozeDays = Days() is { } days and >= MinSnoozeDays and <= MaxSnoozeDays ? days : 7;
        appeal.Audience = AudienceValue() ?? AppealAudience.Readers;
        appeal.MinArticles = MinArticles ?? 0;
        appeal.BelowArticles = BelowArticles;
        appeal.ReadingWeeks = ReadingWeeks ?? 4;
        appeal.Topic = string.IsNullOrWhiteSpace(Topic) ? null : Slugs.From(Topic);
        appeal.Placement = PlacementValue() ?? AppealPlacement.EndOfArticle;
        appeal.Priority = Priority ?? 100;
        appeal.StartsAt = StartsAt is { } starts ? Local(starts, zone) : null;
        appeal.EndsAt = EndsAt is { } ends ? Local(ends, zone) : null;
        appeal.BannerCapShowings = BannerCapShowings ?? 3;
        appeal.BannerCapDays = BannerCapDays ?? 30;
        appeal.BannerGapDays = BannerGapDays ?? 1;
        appeal.BannerWithArticleAppeal = BannerWithArticleAppeal;
    }

    /// <summary>A wall-clock time in the newsroom's zone, as an instant (a time skipped by a clock change is read an hour on).</summary>
    private static DateTimeOffset Local(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
