using BenchmarkDotNet.Attributes;
using Masthead.Articles;
using Masthead.SeedCorpus;

namespace Masthead.Benchmarks;

/// <summary>An editor's save: a typical corpus article (about 1,000 words) from Markdown to sanitised HTML.</summary>
public class MarkdownBenchmarks
{
    private string _markdown = "";

    [GlobalSetup]
    public void Setup() =>
        _markdown = BenchCorpus.Write(0, 1, BenchCorpus.DefaultSeed, DateTimeOffset.UnixEpoch, [], []).BodyMarkdown;

    [Benchmark]
    public string ArticleMarkdownToHtml() => ArticleMarkdown.ToHtml(_markdown);
}
