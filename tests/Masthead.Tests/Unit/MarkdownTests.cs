using Masthead.Articles;

namespace Masthead.Tests.Unit;

public sealed class MarkdownTests
{
    [Fact]
    public void Markdown_renders_headings_lists_quotes_and_links()
    {
        var html = ArticleMarkdown.ToHtml("## Context\n\n- one\n- two\n\n> quoted\n\nSee [the ruling](https://example.org/ruling).");
        Assert.Contains("<h2", html);
        Assert.Contains("<li>one</li>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("href=\"https://example.org/ruling\"", html);
    }

    [Fact]
    public void Links_to_other_sites_do_not_leak_the_reader_address()
    {
        var html = ArticleMarkdown.ToHtml("[elsewhere](https://example.org/)");
        Assert.Contains("rel=\"noopener noreferrer\"", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>", "<iframe")]
    [InlineData("<a href=\"#\" onclick=\"steal()\">x</a>", "onclick")]
    [InlineData("<p style=\"background:url(https://example.org/t.png)\">x</p>", "example.org")]
    [InlineData("![tracker](https://example.org/pixel.gif)", "<img")]
    public void Nothing_that_runs_script_or_loads_from_another_host_survives(string markdown, string forbidden)
    {
        var html = ArticleMarkdown.ToHtml(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Straight_quotes_become_typographic_quotes()
    {
        Assert.Contains("\u201cfine\u201d", ArticleMarkdown.ToHtml("It is \"fine\"."));
    }
}
