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
    [InlineData("<form action=\"https://example.org/card\"><p>Card</p></form>", "<form")]
    [InlineData("<input name=\"card\" placeholder=\"Card number\">", "<input")]
    [InlineData("<button formaction=\"https://example.org/\">Pay</button>", "<button")]
    [InlineData("<select name=\"amount\"><option>5</option></select>", "<select")]
    [InlineData("<select name=\"amount\"><option>5</option></select>", "<option")]
    [InlineData("<textarea name=\"note\">x</textarea>", "<textarea")]
    [InlineData("<picture><source srcset=\"https://example.org/h.webp\"><img src=\"/media/0123456789abcdef01234567.jpg\"></picture>", "example.org")]
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

    [Theory]
    [InlineData("link openers", "[a](", 50_000)]
    [InlineData("image openers", "![a](", 16_000)]
    [InlineData("emphasis", "*a", 16_000)]
    [InlineData("marks", "==a", 16_000)]
    [InlineData("superscripts", "^a", 16_000)]
    [InlineData("insertions", "++a", 16_000)]
    [InlineData("footnote references", "[^a", 16_000)]
    [InlineData("openers spread over short paragraphs", "[a](\n\n", 20_000)]
    public void Text_whose_rendering_would_cost_the_square_of_its_length_is_refused_before_rendering(string what, string unit, int times)
    {
        var markdown = string.Concat(Enumerable.Repeat(unit, times));
        Assert.False(MarkdownBudget.Allows(markdown), what);
        Assert.Null(ArticleMarkdown.TryToHtml(markdown));
    }

    [Fact]
    public void A_long_article_full_of_links_emphasis_and_quotes_is_within_the_budget()
    {
        var paragraph = string.Concat(Enumerable.Range(0, 12).Select(i =>
            $"The *ministry* said on **Monday** that [the ruling](https://example.org/{i}) was ~~final~~ \"binding\" (see ^note^). "));
        var markdown = string.Join("\n\n", Enumerable.Range(0, 80).Select(i => i % 10 == 0 ? "> " + paragraph : paragraph));
        Assert.True(markdown.Length < ArticleLimits.Body);
        Assert.True(MarkdownBudget.Allows(markdown));
        Assert.Contains("<blockquote>", ArticleMarkdown.TryToHtml(markdown));
    }

    [Fact]
    public void Fenced_code_and_runs_of_one_character_are_not_counted_as_openers()
    {
        var code = string.Concat(Enumerable.Repeat("total = a + b * c ^ d; x[i] = y[j] + z[k];\n", 200));
        var markdown = $"A rule:\n\n{new string('*', 5_000)}\n\n```c\n{code}```\n\nAfter the code.";
        Assert.True(MarkdownBudget.Allows(markdown));
        Assert.Contains("After the code.", ArticleMarkdown.TryToHtml(markdown));
    }

    [Fact]
    public void An_imported_html_body_passes_through_unparsed_and_is_not_counted()
    {
        // WordPress and Ghost bodies are HTML blocks joined by single newlines: thousands of tags, no Markdown.
        var body = string.Join('\n', Enumerable.Range(0, 2_000).Select(i => i % 3 == 0
            ? $"<figure><a href=\"/x/{i}\">link</a><figcaption>Photo <em>{i}</em></figcaption></figure>"
            : $"<p>Paragraph <strong>{i}</strong> with <a href=\"/a/{i}\">a link</a>.</p>"));
        Assert.True(MarkdownBudget.Allows(body));
        var html = ArticleMarkdown.TryToHtml(body);
        Assert.Contains("<figcaption>Photo <em>0</em></figcaption>", html);
        Assert.Contains("<p>Paragraph <strong>1</strong>", html);
    }

    [Theory]
    [InlineData("<div>\n\n")]
    [InlineData("<div>\n```\n</div>\n\n")]
    [InlineData("<span>\n")]
    [InlineData("<divx>\n")]
    public void Markdown_after_or_beside_html_is_still_counted(string before)
    {
        // Only a block tag opens raw HTML, which ends at the blank line; a fence inside it hides nothing after it.
        var markdown = before + string.Concat(Enumerable.Repeat("[a](", 1_000));
        Assert.False(MarkdownBudget.Allows(markdown));
    }

    private const string Stored = "/media/0123456789abcdef01234567.jpg";

    [Fact]
    public void An_image_of_our_own_media_renders_from_markdown()
    {
        var html = ArticleMarkdown.ToHtml($"![The harbour at dawn]({Stored})");
        Assert.Contains($"<img src=\"{Stored}\" alt=\"The harbour at dawn\">", html);
    }

    [Fact]
    public void An_image_of_our_own_media_keeps_its_srcset_sizes_and_loading_but_nothing_else()
    {
        var html = ArticleMarkdown.ToHtml(
            $"<img src=\"{Stored}\" srcset=\"{Stored} 1x, /media/89abcdef0123456789abcdef.webp 2x\" sizes=\"100vw\" alt=\"a\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\" class=\"wide\" title=\"t\">");
        Assert.Contains("srcset=\"/media/0123456789abcdef01234567.jpg 1x, /media/89abcdef0123456789abcdef.webp 2x\"", html);
        foreach (var kept in new[] { "sizes=\"100vw\"", "width=\"640\"", "height=\"480\"", "loading=\"lazy\"", "decoding=\"async\"" })
        {
            Assert.Contains(kept, html);
        }

        Assert.DoesNotContain("class=", html);
        Assert.DoesNotContain("title=", html);
    }

    [Theory]
    [InlineData("<img src=\"https://example.org/media/0123456789abcdef01234567.jpg\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"//example.org/media/0123456789abcdef01234567.jpg\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"/media/../keys/personal-data.key\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"/media/0123456789ABCDEF01234567.jpg\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"/media/0123456789abcdef01234567.jpg?x=1\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"/media/0123456789abcdef01234567.jpg\" srcset=\"https://example.org/big.jpg 2x\" alt=\"Remote harbour\">")]
    [InlineData("<img src=\"/media/0123456789abcdef01234567.jpg\" srcset=\"/media/0123456789abcdef01234567.jpg 1x 2x\" alt=\"Remote harbour\">")]
    [InlineData("<img alt=\"Remote harbour\">")]
    [InlineData("![Remote harbour](https://example.org/harbour.jpg)")]
    public void An_image_from_anywhere_else_is_removed_and_its_alt_text_kept(string markdown)
    {
        var html = ArticleMarkdown.ToHtml(markdown);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<source", html);
        Assert.DoesNotContain("example.org", html);
        Assert.Contains("Remote harbour", html);
    }
}
