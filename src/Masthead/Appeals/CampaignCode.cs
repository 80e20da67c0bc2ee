using System.Globalization;

namespace Masthead.Appeals;

/// <summary>
/// Where a gift came from, carried from the appeal's Continue through the checkout as <c>{appeal}.{variant}.{placement}</c>
/// (e.g. <c>12.1.e</c>): the appeal, the test's variant and the placement, and nothing about the reader.
/// </summary>
public readonly record struct CampaignCode(int AppealId, int Variant, AppealPlacement Placement)
{
    public const int MaxLength = 24;

    public const string QueryName = "campaign";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AppealId}.{Variant}.{Letter(Placement)}");

    /// <summary>The code in <paramref name="text"/>, or null for anything else, which is then simply not counted.</summary>
    public static CampaignCode? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }

        var parts = text.Split('.');
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var appeal) && appeal > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var variant) && variant <= AppealVariant.MaxVariants
            && PlacementOf(parts[2]) is { } placement
            ? new CampaignCode(appeal, variant, placement)
            : null;
    }

    /// <summary>The one-letter name the reader script and the code use: e (end of article), t (top banner), b (bottom banner).</summary>
    public static string Letter(AppealPlacement placement) => placement switch
    {
        AppealPlacement.BannerTop => "t",
        AppealPlacement.BannerBottom => "b",
        _ => "e",
    };

    public static AppealPlacement? PlacementOf(string letter) => letter switch
    {
        "e" => AppealPlacement.EndOfArticle,
        "t" => AppealPlacement.BannerTop,
        "b" => AppealPlacement.BannerBottom,
        _ => null,
    };
}
