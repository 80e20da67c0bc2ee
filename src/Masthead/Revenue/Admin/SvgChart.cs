using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Masthead.Revenue.Admin;

/// <summary>
/// A bar or line chart of a few dozen points, drawn on the server as inline SVG. No style attribute and no script
/// (the Content-Security-Policy allows neither): colours come from site.css classes and <c>currentColor</c>, and the
/// viewBox scales it to the page, down to a 390 px phone. The figures it draws are also in a table beside it.
/// </summary>
public static class SvgChart
{
    // Right leaves room for half of the last month's label, centred under its point.
    private const int Width = 480, Height = 240, Left = 64, Right = 24, Top = 10, Bottom = 26;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    // Every script as itself, as the site's own encoder writes it: "дек. 26", not "&#x434;...".
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // Round steps for an axis, times a power of ten.
    private static readonly int[] Steps = [1, 2, 5, 10];

    /// <summary>One series of a chart: a value per label (null: none, drawn as a gap) and its CSS class (series-0, series-1).</summary>
    public sealed record Series(IReadOnlyList<long?> Values, int Index = 0);

    /// <summary>
    /// Draws <paramref name="series"/> over <paramref name="labels"/> (the x axis, every fourth one written, the last
    /// always): bars side by side, or lines with a dot per point. <paramref name="format"/> writes a y-axis value.
    /// </summary>
    public static IHtmlContent Draw(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<Series> series, Func<long, string> format, bool line = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(format);
        var values = series.SelectMany(s => s.Values).OfType<long>().ToList();
        var (low, high, step) = Scale(values.DefaultIfEmpty(0).Min(), values.DefaultIfEmpty(0).Max());
        double Y(long value) => Top + (PlotHeight * (double)(high - value) / (high - low));
        var slot = (double)PlotWidth / Math.Max(1, labels.Count);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title><g class=\"chart-grid\">");
        for (var tick = low; tick <= high; tick += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\"{(tick == 0 ? " class=\"chart-zero\"" : "")}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(tick) + 4)}\" class=\"chart-y\">{Encode(format(tick))}</text>");
        }

        svg.Append("</g><g class=\"chart-x\">");
        for (var i = labels.Count - 1; i >= 0; i -= 4)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left + (slot * (i + 0.5)))}\" y=\"{Height - 8}\">{Encode(labels[i])}</text>");
        }

        svg.Append("</g>");
        foreach (var one in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"chart-{(line ? "line" : "bars")} series-{one.Index}\">");
            svg.Append(line ? Line(one, slot, Y) : Bars(one, series.Count, slot, Y));
            svg.Append("</g>");
        }

        return new HtmlString(svg.Append("</svg>").ToString());
    }

    private static string Bars(Series one, int count, double slot, Func<long, double> y)
    {
        var width = slot * 0.8 / count;
        var bars = new StringBuilder();
        for (var i = 0; i < one.Values.Count; i++)
        {
            if (one.Values[i] is { } value && value != 0)
            {
                var (from, to) = (y(Math.Max(value, 0)), y(Math.Min(value, 0)));
                var x = Left + (slot * i) + (slot * 0.1) + (width * one.Index);
                bars.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(from)}\" width=\"{N(width)}\" height=\"{N(Math.Max(to - from, 0.5))}\"/>");
            }
        }

        return bars.ToString();
    }

    private static string Line(Series one, double slot, Func<long, double> y)
    {
        // A missing value breaks the line rather than drawing it down to zero.
        var points = one.Values.Select((value, i) => value is { } v ? (X: Left + (slot * (i + 0.5)), Y: y(v)) : ((double X, double Y)?)null).ToList();
        var line = new StringBuilder();
        foreach (var run in Runs(points))
        {
            line.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', run.Select(p => N(p.X) + "," + N(p.Y)))}\"/>");
        }

        foreach (var point in points.OfType<(double X, double Y)>())
        {
            line.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(point.X)}\" cy=\"{N(point.Y)}\" r=\"2.5\"/>");
        }

        return line.ToString();
    }

    private static IEnumerable<List<(double X, double Y)>> Runs(IEnumerable<(double X, double Y)?> points)
    {
        var run = new List<(double X, double Y)>();
        foreach (var point in points)
        {
            if (point is { } p)
            {
                run.Add(p);
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>An axis from zero (or below, for refunds) past the largest value, in at most five round steps (1, 2 or 5 times a power of ten).</summary>
    internal static (long Low, long High, long Step) Scale(long min, long max)
    {
        (min, max) = (Math.Min(min, 0), Math.Max(max, 0));
        var raw = Math.Max(1, (max - min) / 5.0);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (long)Math.Max(1, Steps.Select(f => f * power).First(s => s >= raw));
        var low = min == 0 ? 0 : -(long)Math.Ceiling(-min / (double)step) * step;
        var high = Math.Max(step, (long)Math.Ceiling(max / (double)step) * step);
        return (low, high, step);
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => Encoder.Encode(text);
}
