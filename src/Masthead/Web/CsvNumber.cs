namespace Masthead.Web;

/// <summary>A number already formatted for a spreadsheet (e.g. an amount with its currency's decimals), written without the formula guard.</summary>
public readonly record struct CsvNumber(string Text)
{
    public override string ToString() => Text;
}
