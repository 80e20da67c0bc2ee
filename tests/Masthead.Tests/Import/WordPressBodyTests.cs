using System.Diagnostics;
using Masthead.Articles;
using Masthead.Import;

namespace Masthead.Tests.Import;

public sealed class WordPressBodyTests
{
    private static readonly Dictionary<string, string> Attachments = new()
    {
        ["11"] = "https://example.org/wp-content/uploads/one.jpg",
        ["12"] = "https://example.org/wp-content/uploads/two.jpg",
    };

    private static (string Html, ImportReport Report) Body(string content)
    {
        var report = new ImportReport();
        return (WordPressBody.ToHtml(content, Attachments, report), report);
    }

    [Fact]
    public void Block_editor_comments_and_more_and_nextpage_are_removed_and_their_content_kept()
    {
        var (html, _) = Body("""
            <!-- wp:heading {"level":2} -->
            <h2 class="wp-block-heading">Budget</h2>
            <!-- /wp:heading -->

            <!-- wp:paragraph -->
            <p>The council voted.</p>
            <!-- /wp:paragraph -->
            <!--more-->
            <!-- wp:separator /-->
            <!--nextpage-->
            <!-- wp:paragraph -->
            <p>Then it left.</p>
            <!-- /wp:paragraph -->
            """);

        Assert.Equal("<h2 class=\"wp-block-heading\">Budget</h2>\n<p>The council voted.</p>\n<p>Then it left.</p>", html);
    }

    [Fact]
    public void Classic_editor_text_becomes_paragraphs_with_line_breaks_and_block_tags_are_not_wrapped()
    {
        var (html, _) = Body("First line\nsecond <a\nhref=\"/x\">line</a>.\n\n\nNext paragraph.\n<ul>\n<li>One</li>\n<li>Two\nlines</li>\n</ul>\n<blockquote>Quoted\n\nTwice</blockquote>\n<h3>Head</h3>");

        Assert.Equal(
            "<p>First line<br>\nsecond <a href=\"/x\">line</a>.</p>\n<p>Next paragraph.</p>\n<ul>\n<li>One</li>\n<li>Two<br>\nlines</li>\n</ul>\n"
            + "<blockquote>\n<p>Quoted</p>\n<p>Twice</p>\n</blockquote>\n<h3>Head</h3>",
            html);
    }

    [Fact]
    public void Pre_content_is_left_exactly_as_it_is_and_starts_a_block_of_its_own_when_it_holds_a_blank_line()
    {
        var code = "<pre class=\"code\">if (x)\n\n        return [caption] &lt;b&gt;\n    https://example.org/\n</pre>";

        var (html, _) = Body($"Intro\n\n{code}\nAfter");

        Assert.Equal($"<p>Intro</p>\n\n{code}\n<p>After</p>", html);
    }

    [Fact]
    public void No_line_outside_pre_is_indented_and_no_html_block_holds_a_blank_line()
    {
        var (html, _) = Body("        Indented text\n\n    <div>\n        <p>Deep</p>\n\n    </div>\n\t\tTabbed");

        Assert.DoesNotContain("\n\n", html, StringComparison.Ordinal);
        Assert.All(html.Split('\n'), line => Assert.Equal(line.TrimStart(), line));
    }

    [Fact]
    public void A_caption_becomes_a_figure_with_its_figcaption()
    {
        var (html, _) = Body("""
            [caption id="attachment_11" align="alignright" width="300"]<a href="/big.jpg"><img src="/one.jpg" alt="Bridge" width="300"></a> The bridge
            at dawn[/caption]
            [caption id="x" caption="From the attribute"]<img src="/two.jpg">[/caption]
            """);

        Assert.Equal(
            "<figure><a href=\"/big.jpg\"><img src=\"/one.jpg\" alt=\"Bridge\" width=\"300\"></a>\n<figcaption>The bridge at dawn</figcaption>\n</figure>\n"
            + "<figure><img src=\"/two.jpg\">\n<figcaption>From the attribute</figcaption>\n</figure>",
            html);
    }

    [Fact]
    public void A_gallery_becomes_a_figure_of_its_attachments_and_without_ids_is_dropped_with_a_warning()
    {
        var (html, report) = Body("[gallery ids=\"12, 11, 99\" columns=\"2\"]\n\n[gallery]");

        Assert.Equal(
            "<figure class=\"gallery\"><img src=\"https://example.org/wp-content/uploads/two.jpg\" alt=\"\"><img src=\"https://example.org/wp-content/uploads/one.jpg\" alt=\"\"></figure>",
            html);
        Assert.Equal(2, report.Warnings.Count);
        Assert.Contains("(99)", report.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("A [gallery] without ids", report.Warnings[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[embed width=\"500\"]https://www.youtube.com/watch?v=abc&amp;t=1[/embed]", "https://www.youtube.com/watch?v=abc&amp;t=1")]
    [InlineData("[video width=\"640\" mp4=\"https://example.org/clip.mp4\"][/video]", "https://example.org/clip.mp4")]
    [InlineData("[video src=\"https://example.org/clip.webm\"]", "https://example.org/clip.webm")]
    [InlineData("[audio mp3=\"https://example.org/talk.mp3\"]", "https://example.org/talk.mp3")]
    [InlineData("[audio src=\"https://example.org/talk.ogg\"]", "https://example.org/talk.ogg")]
    [InlineData("[audio https://example.org/talk.mp3]", "https://example.org/talk.mp3")]
    [InlineData("[youtube https://www.youtube.com/watch?v=abc]", "https://www.youtube.com/watch?v=abc")]
    [InlineData("[youtube=https://www.youtube.com/watch?v=abc]", "https://www.youtube.com/watch?v=abc")]
    [InlineData("  https://vimeo.com/123  ", "https://vimeo.com/123")]
    [InlineData("<iframe width=\"560\" src=\"//www.youtube.com/embed/abc\" allowfullscreen></iframe>", "https://www.youtube.com/embed/abc")]
    public void Embeds_and_iframes_become_a_paragraph_with_a_plain_link(string content, string url)
    {
        var (html, report) = Body($"Before\n\n{content}\n\nAfter");

        Assert.Equal($"<p>Before</p>\n<p><a href=\"{url}\">{url}</a></p>\n<p>After</p>", html);
        Assert.Empty(report.UnknownShortcodes);
    }

    [Fact]
    public void An_embed_that_is_not_a_web_address_is_dropped_with_a_warning()
    {
        var (html, report) = Body("<iframe src=\"javascript:alert(1)\"></iframe>[embed]ftp://x/[/embed]");

        Assert.Equal("", html);
        Assert.Equal(2, report.Warnings.Count);
    }

    [Fact]
    public void Unknown_shortcodes_are_left_as_text_and_named_but_numbers_in_brackets_are_not_shortcodes()
    {
        var (html, report) = Body("See [1] and [2020], [contact-form-7 id=\"5\"] and [pullquote]Said[/pullquote] and [my_widget/].");

        Assert.Equal("<p>See [1] and [2020], [contact-form-7 id=\"5\"] and [pullquote]Said[/pullquote] and [my_widget/].</p>", html);
        Assert.Equal(["contact-form-7", "my_widget", "pullquote"], report.UnknownShortcodes);
    }

    [Fact]
    public void The_html_survives_the_article_markdown_renderer_as_html()
    {
        var (body, _) = Body("Intro line\nsecond line\n\n[caption width=\"300\"]<img src=\"/one.jpg\"> The *bridge*[/caption]\n\n<pre>a\n\n    b</pre>\n\nOutro");

        var html = ArticleMarkdown.ToHtml(body);

        Assert.Contains("<p>Intro line<br>", html, StringComparison.Ordinal);
        Assert.Contains("<figcaption>The *bridge*</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>a\n\n    b</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Outro</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_bodies_are_read_in_linear_time()
    {
        var hostile = string.Concat(Enumerable.Repeat("[caption x <div <iframe src=a [embed]<!-- <pre ", 40_000));

        var clock = Stopwatch.StartNew();
        Body(hostile);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
