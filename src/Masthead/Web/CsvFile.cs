using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Web;

/// <summary>
/// A spreadsheet download: RFC 4180 CSV in UTF-8, streamed row by row so a large export never sits in memory.
/// Cells are text (<see cref="string"/>, quoted when needed and guarded against formulas) or values we made
/// ourselves (numbers, times), which are written as they are so a spreadsheet still reads -5.00 as a number.
/// </summary>
public sealed class CsvFile(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<object?>> rows) : IActionResult
{
    // Excel and LibreOffice run a cell starting with these as a formula: "=HYPERLINK(...)" typed as a supporter's name
    // would become a live link in the admin's spreadsheet.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();

        // A byte-order mark, so Excel opens the file as UTF-8 rather than the machine's code page.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024);
        await writer.WriteAsync(Line(header));
        await foreach (var row in rows.WithCancellation(context.HttpContext.RequestAborted))
        {
            await writer.WriteAsync(Line(row));
        }
    }

    public static string Cell(object? value) => value switch
    {
        null => "",
        string text => Quote(FormulaStarts.Contains(text.FirstOrDefault()) ? "'" + text : text),
        DateTimeOffset at => Dates.Iso(at),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Line<T>(IEnumerable<T> cells) => string.Join(',', cells.Select(c => Cell(c))) + "\r\n";

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
