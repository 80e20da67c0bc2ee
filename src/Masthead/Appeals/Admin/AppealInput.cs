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

    [Required(ErrorMessage = "The Remind me later button needs a label.")]
    [StringLength(Appeal.LabelLength, ErrorMessage = "Keep the button's label under {1} characters.")]
    public string? SnoozeLabel { get; set; } = "Remind me later";

    /// <summary>The code of the edition whose readers see it; the default edition when empty.</summary>
    public string? Edition { get; set; }

    /// <summary>Text, so that "abc" or "1000" comes back in the field beside its message.</summary>
    public string? SnoozeDays { get; set; } = "7";

    /// <summary>The appeal's <see cref="Appeal.Version"/> when this form loaded it, to catch another editor's save in between.</summary>
    public int Version { get; set; }

    public int? Days() => int.TryParse(SnoozeDays?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : null;

    public static AppealInput From(Appeal appeal) => new()
    {
        Name = appeal.Name, Body = appeal.BodyMarkdown, ContinueLabel = appeal.ContinueLabel, NotTodayLine = appeal.NotTodayLine,
        SnoozeLabel = appeal.SnoozeLabel, Edition = appeal.Edition, SnoozeDays = appeal.SnoozeDays.ToString(CultureInfo.InvariantCulture), Version = appeal.Version,
    };

    /// <summary>The checks the attributes cannot make; each message lands beside its field, named under <paramref name="prefix"/>.</summary>
    public void Validate(ModelStateDictionary errors, string prefix, SiteEditions editions, IStringLocalizer<AdminText> text)
    {
        ArgumentNullException.ThrowIfNull(editions);
        ArgumentNullException.ThrowIfNull(text);
        if (!string.IsNullOrEmpty(Edition) && editions.Find(Edition) is null)
        {
            errors.AddModelError($"{prefix}.{nameof(Edition)}", text["ChooseEdition", editions.Codes]);
        }

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

        if (Body is { } body && errors.IsValid && ArticleMarkdown.TryToHtml(body) is null)
        {
            errors.AddModelError($"{prefix}.{nameof(Body)}", text["TooComplex"]);
        }
    }

    /// <summary>Copies the form onto <paramref name="appeal"/>, rendering the Markdown once, now, as articles do.</summary>
    public void ApplyTo(Appeal appeal, SiteEditions editions)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(editions);
        appeal.Edition = editions.Get(Edition).Code;
        appeal.Name = Name?.Trim() ?? "";
        appeal.BodyMarkdown = Body ?? "";
        appeal.BodyHtml = ArticleMarkdown.ToHtml(appeal.BodyMarkdown);
        appeal.ContinueLabel = ContinueLabel?.Trim() ?? "";
        appeal.NotTodayLine = NotTodayLine?.Trim() ?? "";
        appeal.SnoozeLabel = SnoozeLabel?.Trim() ?? "";
        appeal.SnoozeDays = Days() is { } days and >= MinSnoozeDays and <= MaxSnoozeDays ? days : 7;
    }
}
