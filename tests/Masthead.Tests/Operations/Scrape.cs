using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Masthead.Tests.Operations;

/// <summary>One scrape of a Prometheus text endpoint: each sample line kept as "name{labels}" and its value.</summary>
public sealed class Scrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of every sample named <paramref name="name"/> whose labels contain each of <paramref name="labels"/> (e.g. <c>job="mail"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        Samples().Where(s => s.Name == name && labels.All(s.Labels.Contains)).Sum(s => s.Value);

    /// <summary>Whether any sample is named <paramref name="name"/>.</summary>
    public bool Has(string name) => Samples().Any(s => s.Name == name);

    /// <summary>The label part of every sample named <paramref name="name"/>.</summary>
    public IEnumerable<string> LabelsOf(string name) => Samples().Where(s => s.Name == name).Select(s => s.Labels);

    public static async Task<Scrape> GetAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Switches the scrape endpoint on for <paramref name="own"/>, before it starts, on a free port; returns the port.</summary>
    public static int EnableMetrics(Masthead.Tests.Infrastructure.MastheadFactory own)
    {
        ArgumentNullException.ThrowIfNull(own);
        var port = FreePort();
        own.Settings["Masthead:Metrics:Enabled"] = "true";
        own.Settings["Masthead:Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture);
        return port;
    }

    /// <summary>A port nothing listens on just now, on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every sample line: its name, its labels as written (<c>a="x",b="y"</c>) and its value.</summary>
    public IEnumerable<(string Name, string Labels, double Value)> Samples()
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf("} ", StringComparison.Ordinal) is var close and >= 0 ? close + 1 : line.IndexOf(' ', StringComparison.Ordinal);
            var name = brace >= 0 && brace < space ? line[..brace] : line[..space];
            var labels = brace >= 0 && brace < space ? line[(brace + 1)..(space - 1)] : "";
            var value = line[(space + 1)..].Split(' ')[0];
            yield return (name, labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }
}
