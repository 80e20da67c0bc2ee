using BenchmarkDotNet.Attributes;

namespace Masthead.Benchmarks;

/// <summary>
/// The article page on a cache miss, through the whole in-process pipeline (no sockets): query, Razor render, layout.
/// The appeal is a Razor partial rendered inside the page, so its cost is the difference between the page with it and
/// the page for a reader who snoozed it (one query and the partial fewer).
/// </summary>
public class ArticlePageBenchmarks
{
    private BenchHost _host = null!;
    private HttpClient _client = null!;
    private string _path = "";

    /// <summary>Corpus size: the cost of a miss should not depend on it.</summary>
    [Params(1_000, 10_000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_host, var slugs) = await BenchHost.StartAsync(Articles);
        _client = _host.CreateClient();
        _path = "/articles/" + slugs[^1];
        await GetAsync(_path, snoozed: false);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> ArticleWithAppeal() => GetAsync(_path, snoozed: false);

    [Benchmark]
    public Task<int> ArticleAppealSnoozed() => GetAsync(_path, snoozed: true);

    private async Task<int> GetAsync(string path, bool snoozed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (snoozed)
        {
            request.Headers.Add("Cookie", $"mh_snooze={DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeSeconds()}");
        }

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
    }
}
