using Masthead.Revenue.Admin;

namespace Masthead.Tests.Revenue;

/// <summary>The dashboard's hand-written SVG: round axes, a title to be labelled by, and nothing the policy forbids.</summary>
public sealed class SvgChartTests
{
    [Theory]
    [InlineData(0, 0, 0, 1, 1)]
    [InlineData(0, 850, 0, 1000, 200)]
    [InlineData(-1000, 2500, -1000, 3000, 1000)]
    [InlineData(0, 3, 0, 3, 1)]
    public void The_chart_s_axis_runs_from_zero_or_below_past_the_largest_value_in_round_steps(long min, long max, long low, long high, long step) =>
        Assert.Equal((low, high, step), SvgChart.Scale(min, max));

    [Fact]
    public void A_chart_is_titled_svg_with_no_style_attribute_and_a_gap_for_a_missing_value()
    {
        var svg = SvgChart.Draw("chart-test", "Churn <test>", ["Jan 26", "Feb 26", "Mar 26"], [new SvgChart.Series([100, null, 300])], v => v.ToString(System.Globalization.CultureInfo.InvariantCulture), line: true);
        using var writer = new StringWriter();
        svg.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        var html = writer.ToString();

        Assert.StartsWith("<svg class=\"chart\" viewBox=\"0 0 480 240\" role=\"img\" aria-labelledby=\"chart-test-title\">", html);
        Assert.Contains("<title id=\"chart-test-title\">Churn &lt;test&gt;</title>", html);
        Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, html.Split("<polyline").Length - 1);
        Assert.Equal(2, html.Split("<circle").Length - 1);
    }
}
