using Masthead.Import;

namespace Masthead.Tests.Import;

public sealed class RepairingXmlTextTests
{
    private static (string Text, ImportReport Report) Mend(string xml, int chunk = 4096)
    {
        var report = new ImportReport();
        using var reader = new RepairingXmlText(new StringReader(xml), report);
        var text = new System.Text.StringBuilder();
        var buffer = new char[chunk];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, n);
        }

        return (text.ToString(), report);
    }

    [Fact]
    public void Entities_and_references_are_kept_and_a_bare_ampersand_is_escaped()
    {
        var (text, report) = Mend("<t a=\"x & y\">&amp; &lt; &gt; &quot; &apos; &#123; &#x1F600; &copy; AT&T &#xZZ;</t>");

        Assert.Equal("<t a=\"x &amp; y\">&amp; &lt; &gt; &quot; &apos; &#123; &#x1F600; &amp;copy; AT&amp;T &amp;#xZZ;</t>", text);
        Assert.Equal(4, report.Warnings.Count);
    }

    [Fact]
    public void Inside_cdata_and_comments_an_ampersand_is_left_alone_but_forbidden_characters_are_dropped()
    {
        var (text, report) = Mend("<!-- a & b --><t><![CDATA[Q&A \u0002 <b>]]> & </t>");

        Assert.Equal("<!-- a & b --><t><![CDATA[Q&A  <b>]]> &amp; </t>", text);
        Assert.Equal(2, report.Warnings.Count);
    }

    [Fact]
    public void Forbidden_characters_and_references_to_them_are_dropped_and_surrogate_pairs_kept()
    {
        var (text, report) = Mend("a\u0000b\u001Fc\uFFFEd\uFFFF e\uD800f\uDC00g \uD83D\uDE00 &#1;&#x0B; \t\r\n");

        Assert.Equal("abcd efg \uD83D\uDE00  \t\r\n", text);
        Assert.Equal(8, report.Warnings.Count);
    }

    [Fact]
    public void Mends_across_buffer_boundaries_are_the_same_whatever_the_reads_size()
    {
        var xml = string.Concat(Enumerable.Repeat("<p>R&D &amp; <![CDATA[&]]>\u0001 &#65;</p>\n", 5000));

        var whole = Mend(xml, 1 << 20);
        var small = Mend(xml, 7);

        Assert.Equal(whole.Text, small.Text);
        Assert.Equal(5000 * "<p>R&amp;D &amp; <![CDATA[&]]> &#65;</p>\n".Length, whole.Text.Length);
        Assert.Equal(500, whole.Report.Warnings.Count);
        Assert.Equal("Line 250: the character U+0001, which XML does not allow, was dropped.", whole.Report.Warnings[^1]);
    }
}
