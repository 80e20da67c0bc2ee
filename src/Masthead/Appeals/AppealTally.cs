namespace Masthead.Appeals;

/// <summary>
/// What readers did with an appeal in one hour, added up: never a row per event, and nothing about who. Events from the
/// reader script have an empty <see cref="Currency"/>; a confirmed gift that came through the appeal adds a conversion
/// to the row of its currency.
/// </summary>
public sealed class AppealTally
{
    public long Id { get; set; }

    /// <summary>The hour's start, UTC.</summary>
    public DateTimeOffset Hour { get; set; }

    public int AppealId { get; set; }
    public int Variant { get; set; }
    public AppealPlacement Placement { get; set; }

    /// <summary>Empty for the reader script's events, a currency code for conversions.</summary>
    public string Currency { get; set; } = "";

    public long Shown { get; set; }
    public long Continued { get; set; }
    public long Snoozed { get; set; }
    public long Dismissed { get; set; }

    public long Conversions { get; set; }

    /// <summary>Conversions that started a monthly or annual gift.</summary>
    public long Recurring { get; set; }

    /// <summary>The gifts' value over a year, in minor units: monthly ×12, annual and one-time as given.</summary>
    public long Annualised { get; set; }

    /// <summary>The sum of each gift's annualised value squared (in major units), for the interval on revenue per showing.</summary>
    public double AnnualisedSquares { get; set; }
}
