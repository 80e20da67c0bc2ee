using System.Globalization;

namespace Masthead.Soak;

internal sealed record SoakOptions(
    Uri Base, string Slugs, int Seconds, int CalibrateSeconds, double Share, int Concurrency, int ServerPid,
    string AdminEmail, string AdminPassword, string WebhookSecret, int EditableArticles, string Report)
{
    public static SoakOptions Parse(string[] args)
    {
        string Get(string name, string? fallback = null)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback ?? throw new ArgumentException($"--{name} is required.");
        }

        int Whole(string name, string fallback) => int.Parse(Get(name, fallback), CultureInfo.InvariantCulture);
        return new SoakOptions(
            new Uri(Get("base")), Get("slugs"), Whole("seconds", "600"), Whole("calibrate-seconds", "20"),
            double.Parse(Get("share", "0.8"), CultureInfo.InvariantCulture), Whole("concurrency", "64"), Whole("pid", "0"),
            Get("admin-email"), Get("admin-password"), Get("webhook-secret"), Whole("editable-articles", "200"), Get("report"));
    }
}

/// <summary>The server's resident memory (VmRSS) over time, read from /proc.</summary>
internal sealed class RssSampler(int pid)
{
    public List<(TimeSpan At, double Megabytes)> Samples { get; } = [];

    public double Sample(TimeSpan at)
    {
        var line = pid > 0 && File.Exists($"/proc/{pid}/status")
            ? File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            : null;
        var megabytes = line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        lock (Samples)
        {
            Samples.Add((at, megabytes));
        }

        return megabytes;
    }
}
