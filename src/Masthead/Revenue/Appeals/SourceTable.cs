using Masthead.Contributions;
using Masthead.Web;

namespace Masthead.Revenue.Appeals;

/// <summary>One row of a sources table: what it is (an appeal's name, a placement, a code), its edition's code where it has one, and its figures.</summary>
public sealed record SourceRow(string Label, string? Edition, SourceFigures Figures);

/// <summary>A table of sources as <c>_Sources</c> draws it, with the CSV of the same rows.</summary>
public sealed record SourceTable(string Id, string KeyHeading, IReadOnlyList<SourceRow> Rows, string CsvHref);

/// <summary>The CSVs of the appeals' figures, in the shape every one of them shares.</summary>
public static class SourceCsv
{
    public static readonly IReadOnlyList<string> Header = ["source", "edition", "shown", "continued", "currency", "gifts", "new_recurring", "first_year_value"];

    /// <summary>
    /// A row per source and currency (one with no currency when it raised nothing): showings and Continue are the
    /// source's own, repeated on each of its currency rows, so they must not be added up down the column.
    /// </summary>
    public static IEnumerable<IReadOnlyList<object?>> Cells(IEnumerable<SourceRow> rows)
    {
        foreach (var row in rows)
        {
            var figures = row.Figures;
            if (figures.Currencies.Count == 0)
            {
                yield return [row.Label, row.Edition, figures.Shown, figures.Continued, null, 0, 0, null];
            }

            foreach (var gifts in figures.Currencies)
            {
                yield return [row.Label, row.Edition, figures.Shown, figures.Continued, gifts.Currency, gifts.Gifts, gifts.Recurring, new CsvNumber(Currencies.FormatNumber(gifts.Value))];
            }
        }
    }
}
