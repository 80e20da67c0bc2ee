using System.Globalization;
using System.Text;

namespace Masthead.Soak;

/// <summary>The soak's findings in Markdown: per kind, per minute, memory, and the verdicts against the targets.</summary>
internal static class Report
{
    private static readonly HashSet<string> Reads = [Traffic.HotRead, Traffic.CorpusRead];

    public static string Write(
        SoakOptions options, Tally calibration, double capacity, Tally soak, double rate, TimeSpan elapsed, RssSampler rss,
        double rssAtStart, double rssBeforeSoak, out bool passed)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string F(double value, string format = "0") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

        var achieved = soak.Operations / elapsed.TotalSeconds;
        var skipped = Traffic.Mix.Sum(m => soak.Of(m.Kind).Skipped) - soak.Of(Traffic.EditorSave).Skipped;
        Line("## Capacity");
        Line();
        Line(string.Create(CultureInfo.InvariantCulture,
            $"Full speed for {options.CalibrateSeconds} s with {options.Concurrency} operations at a time: **{capacity:0} operations/s** " +
            $"({calibration.Of(Traffic.HotRead).Requests + calibration.Of(Traffic.CorpusRead).Requests} reads, " +
            $"{calibration.Operations} operations, {calibration.Errors} errors). The soak held {options.Share:P0} of it: " +
            $"**{rate:0} operations/s** for {elapsed.TotalSeconds:0} s; achieved {achieved:0}/s."));
        Line();
        Line("## Requests per kind");
        Line();
        Line("| kind | share | operations | HTTP requests | errors | not started | p50 ms | p99 ms | max ms |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (kind, share) in Traffic.Mix)
        {
            var counts = soak.Of(kind);
            var latencies = soak.Latencies(kind);
            Line($"| {kind} | {share} % | {counts.Operations} | {counts.Requests} | {counts.Errors} | {counts.Skipped} | " +
                $"{F(Tally.Percentile(latencies, 50), "0.0")} | {F(Tally.Percentile(latencies, 99), "0.0")} | {F(latencies.Count == 0 ? double.NaN : latencies.Max(), "0")} |");
        }

        Line($"| **all** | | {soak.Operations} | {Traffic.Mix.Sum(m => soak.Of(m.Kind).Requests)} | {soak.Errors} | {skipped + soak.Of(Traffic.EditorSave).Skipped} | | | |");
        Line();
        Line("An operation is what one person does: a read is one request; a contribution is five (the form, its post, the sandbox's " +
            "payment page, Pay, the thank-you page); an editor save two (the editor, the save). Latency is per operation, counted from " +
            "when it was due, not from when it started. \"Not started\": an editor save finds every article of its pool being saved " +
            "already (by design, one save per article at a time), or any kind finds 1,024 operations still running (the server is behind).");
        Line();
        Line("## Over time");
        Line();
        Line("| minute | operations | errors | p50 ms | p99 ms (all) | p99 ms (reads) | p99 ms (writes) | server RSS MB (end of minute) |");
        Line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var p99s = new List<double>();
        for (var minute = 0; minute < soak.Minutes; minute++)
        {
            var all = soak.Latencies(minute, _ => true);
            var reads = soak.Latencies(minute, Reads.Contains);
            var writes = soak.Latencies(minute, k => !Reads.Contains(k));
            var p99 = Tally.Percentile(all, 99);
            p99s.Add(p99);
            var memory = rss.Samples.Where(s => s.At <= TimeSpan.FromMinutes(minute + 1)).Select(s => s.Megabytes).DefaultIfEmpty(double.NaN).Last();
            Line($"| {minute + 1} | {all.Count} | {soak.ErrorsIn(minute)} | {F(Tally.Percentile(all, 50), "0.0")} | {F(p99, "0.0")} | {F(Tally.Percentile(reads, 99), "0.0")} | " +
                $"{F(Tally.Percentile(writes, 99), "0.0")} | {F(memory)} |");
        }

        var rssAtEnd = rss.Samples.Count > 0 ? rss.Samples[^1].Megabytes : double.NaN;
        var rssPeak = rss.Samples.Count > 0 ? rss.Samples.Max(s => s.Megabytes) : double.NaN;
        var growth = (rssAtEnd - rssBeforeSoak) / rssBeforeSoak;
        Line();
        Line("## Memory");
        Line();
        Line($"Server RSS (VmRSS): {F(rssAtStart)} MB before the capacity run, {F(rssBeforeSoak)} MB at the start of the soak " +
            $"(after the capacity run warmed it up), {F(rssAtEnd)} MB at the end, peak {F(rssPeak)} MB: {F(growth * 100, "+0.0;-0.0")} % over the soak.");
        Line();

        var errorsOk = soak.Errors == 0;
        var memoryOk = !double.IsNaN(growth) && Math.Abs(growth) <= 0.10;
        var rateOk = achieved >= 0.95 * rate && skipped == 0;
        var firstP99 = p99s.FirstOrDefault(double.NaN);
        var lastP99 = p99s.LastOrDefault(double.NaN);
        var latencyOk = p99s.Count > 0 && p99s.All(p => !double.IsNaN(p) && p <= 2 * Math.Max(firstP99, 50));
        passed = errorsOk && memoryOk && rateOk && latencyOk;
        Line("## Verdicts");
        Line();
        Line($"- Errors: {(errorsOk ? "**pass**" : "**FAIL**")}: {soak.Errors} of {soak.Operations} operations (target zero).");
        foreach (var (kind, _) in Traffic.Mix)
        {
            foreach (var error in soak.Of(kind).FirstErrors)
            {
                Line($"  - {kind}: {error}");
            }
        }

        Line($"- Memory flat: {(memoryOk ? "**pass**" : "**FAIL**")}: RSS {F(growth * 100, "+0.0;-0.0")} % from the soak's start to its end (target within ±10 %).");
        Line($"- Rate held: {(rateOk ? "**pass**" : "**FAIL**")}: {achieved:0} of {rate:0} operations/s, {skipped} not started because too many were running (target ≥ 95 %, none).");
        Line($"- Latency steady: {(latencyOk ? "**pass**" : "**FAIL**")}: every minute's p99 within twice the first minute's (or 100 ms); " +
            $"first {F(firstP99, "0.0")} ms, last minute {F(lastP99, "0.0")} ms, worst {F(p99s.Count == 0 ? double.NaN : p99s.Max(), "0.0")} ms.");
        return text.ToString();
    }
}
