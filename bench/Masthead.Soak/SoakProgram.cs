using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Masthead.Soak;

// The soak's driver: measures how much of the mixed traffic Masthead takes at full speed, then holds a fixed rate of it
// (a share of that capacity) for the given time and writes what happened as Markdown. Started by bench/soak.sh.
var options = SoakOptions.Parse(args);
using var handler = new SocketsHttpHandler
{
    AllowAutoRedirect = false,
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.All,
    MaxConnectionsPerServer = 512,
    ConnectTimeout = TimeSpan.FromSeconds(10),
};
using var http = new HttpClient(handler) { BaseAddress = options.Base, Timeout = TimeSpan.FromSeconds(30) };
var slugs = File.ReadAllLines(options.Slugs).Where(s => s.Length > 0).ToArray();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var rss = new RssSampler(options.ServerPid);
var rssAtStart = rss.Sample(TimeSpan.Zero);

var calibration = new Tally();
var calibrationTraffic = new Traffic(http, calibration, slugs, options.WebhookSecret, options.EditableArticles);
await calibrationTraffic.SignInEditorAsync(options.AdminEmail, options.AdminPassword, stop.Token);
Console.Error.WriteLine($"soak: measuring capacity for {options.CalibrateSeconds} s with {options.Concurrency} concurrent operations");
var calibrated = await Load.FullSpeedAsync(calibrationTraffic, calibration, options.Concurrency, TimeSpan.FromSeconds(options.CalibrateSeconds), stop.Token);
var capacity = calibration.Operations / calibrated.TotalSeconds;
var rate = capacity * options.Share;
Console.Error.WriteLine($"soak: capacity {capacity:0} operations/s; now {rate:0}/s for {options.Seconds} s");

var soak = new Tally();
var traffic = new Traffic(http, soak, slugs, options.WebhookSecret, options.EditableArticles);
await traffic.SignInEditorAsync(options.AdminEmail, options.AdminPassword, stop.Token);
var rssBeforeSoak = rss.Sample(TimeSpan.Zero);
var elapsed = await Load.FixedRateAsync(traffic, soak, rate, TimeSpan.FromSeconds(options.Seconds), rss, stop.Token);

var report = Report.Write(options, calibration, capacity, soak, rate, elapsed, rss, rssAtStart, rssBeforeSoak, out var passed);
await File.WriteAllTextAsync(options.Report, report, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
Console.Error.WriteLine($"soak: {soak.Operations} operations, {soak.Errors} errors; report in {options.Report}");
return passed ? 0 : 1;
