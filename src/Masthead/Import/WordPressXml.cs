using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Masthead.Import;

/// <summary>
/// One reading of a WXR file: opening it proves it is an <c>rss</c> document with WordPress's export namespace and a
/// <c>channel</c>; <see cref="Elements"/> then gives the channel's children one element at a time, so an item is in memory
/// only while it is looked at. No DTD is read and nothing outside the file is fetched.
/// </summary>
internal sealed partial class WordPressXml : IDisposable
{
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    private const string NotWxr = "This is not a WordPress export: its root is not an rss element with WordPress's export namespace.";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly XmlReader reader;

    private WordPressXml(XmlReader reader, XNamespace wp, string version)
    {
        this.reader = reader;
        Wp = wp;
        Excerpt = XNamespace.Get(wp.NamespaceName + "excerpt/");
        Version = version;
    }

    /// <summary>The <c>wp:</c> namespace, which names the WXR version: <c>http://wordpress.org/export/1.2/</c>.</summary>
    public XNamespace Wp { get; }

    public XNamespace Excerpt { get; }

    public string Version { get; }

    /// <summary>Opens the file and reads up to its channel; the report takes the warnings of the text's mending.</summary>
    public static WordPressXml Open(string path, ImportReport report)
    {
        StreamReader text;
        try
        {
            text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportRefusedException($"There is no file at {path}.");
        }

        var reader = XmlReader.Create(new RepairingXmlText(text, report), Settings);
        var rooted = false;
        try
        {
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "rss" || reader.NamespaceURI.Length > 0)
            {
                throw new ImportRefusedException(NotWxr);
            }

            rooted = true;
            var (wp, version) = Namespace(reader);
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, Depth: 1, LocalName: "channel" })
                {
                    return new WordPressXml(reader, wp, version);
                }
            }

            throw new ImportRefusedException("This WordPress export has no channel, so it holds nothing to read.");
        }
        catch (XmlException e)
        {
            reader.Dispose();
            throw rooted ? Broken(e) : new ImportRefusedException("This file is not XML, so it is not a WordPress export.");
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The channel's child elements (authors, terms, items), read as they are asked for.</summary>
    public IEnumerable<XElement> Elements()
    {
        while (true)
        {
            // A yield cannot stand in a try with a catch, so only the reading is guarded.
            XElement? element;
            try
            {
                element = Next();
            }
            catch (XmlException e)
            {
                throw Broken(e);
            }

            if (element is null)
            {
                yield break;
            }

            yield return element;
        }
    }

    public void Dispose() => reader.Dispose();

    private XElement? Next()
    {
        while (!reader.EOF)
        {
            if (reader is { NodeType: XmlNodeType.Element, Depth: 2 })
            {
                return (XElement)XNode.ReadFrom(reader);
            }

            reader.Read();
        }

        return null;
    }

    private static (XNamespace Wp, string Version) Namespace(XmlReader root)
    {
        while (root.MoveToNextAttribute())
        {
            if (root.Prefix == "xmlns" && WxrNamespace().Match(root.Value) is { Success: true } match)
            {
                var version = match.Groups[1].Value;
                root.MoveToElement();
                return version is "1.0" or "1.1" or "1.2"
                    ? (XNamespace.Get(match.Value), version)
                    : throw new ImportRefusedException($"This is a WordPress export of version {version}; versions 1.0 to 1.2 are read.");
            }
        }

        throw new ImportRefusedException(NotWxr);
    }

    private static ImportRefusedException Broken(XmlException e) =>
        new($"This WordPress export is cut short or damaged: its XML breaks at line {e.LineNumber}.");

    [GeneratedRegex(@"^https?://wordpress\.org/export/(\d+\.\d+)/$")]
    private static partial Regex WxrNamespace();
}
