namespace Masthead.Import;

/// <summary>
/// Streams XML text while mending the faults real WordPress exports have and XML readers refuse: a bare <c>&amp;</c>
/// (a plugin's title, a pasted URL) becomes <c>&amp;amp;</c>, and characters XML 1.0 forbids (control characters, lone
/// surrogates, U+FFFE and U+FFFF, and numeric references to them) are dropped. Inside CDATA sections and comments a
/// bare ampersand is legal and left as it is. Each mend is a warning in the report, with its line.
/// </summary>
public sealed class RepairingXmlText(TextReader inner, ImportReport report) : TextReader
{
    // Enough to see a whole "<![CDATA[" or "&#x10FFFF;" before deciding what a character starts.
    private const int Lookahead = 12;

    private static readonly string[] NamedEntities = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];

    private readonly char[] input = new char[16384];
    private readonly char[] output = new char[16384];
    private int inputStart;
    private int inputEnd;
    private bool innerEnded;
    private int outputStart;
    private int outputEnd;
    private int line = 1;
    private string? closing;

    public override int Peek() => Fill() ? output[outputStart] : -1;

    public override int Read() => Fill() ? output[outputStart++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, outputEnd - outputStart);
        output.AsSpan(outputStart, n).CopyTo(buffer);
        outputStart += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Makes sure there is mended text to give; false at the end.</summary>
    private bool Fill()
    {
        if (outputStart < outputEnd)
        {
            return true;
        }

        outputStart = outputEnd = 0;
        while (outputEnd < output.Length - Lookahead && Available() > 0)
        {
            Step();
        }

        return outputEnd > 0;
    }

    /// <summary>How many characters are ready, reading more so that a lookahead is whole unless the text has ended.</summary>
    private int Available()
    {
        if (inputEnd - inputStart < Lookahead && !innerEnded)
        {
            input.AsSpan(inputStart, inputEnd - inputStart).CopyTo(input);
            inputEnd -= inputStart;
            inputStart = 0;
            while (inputEnd < input.Length && !innerEnded)
            {
                var n = inner.Read(input, inputEnd, input.Length - inputEnd);
                innerEnded = n == 0;
                inputEnd += n;
            }
        }

        return inputEnd - inputStart;
    }

    private void Step()
    {
        var ahead = input.AsSpan(inputStart, inputEnd - inputStart);
        var c = ahead[0];
        if (closing is not null)
        {
            if (ahead.StartsWith(closing))
            {
                Copy(closing.Length);
                closing = null;
                return;
            }
        }
        else if (c == '<')
        {
            closing = ahead.StartsWith("<![CDATA[") ? "]]>" : ahead.StartsWith("<!--") ? "-->" : null;
            Copy(closing is null ? 1 : closing == "]]>" ? 9 : 4);
            return;
        }
        else if (c == '&')
        {
            Ampersand(ahead);
            return;
        }

        if (char.IsHighSurrogate(c) && ahead.Length > 1 && char.IsLowSurrogate(ahead[1]))
        {
            Copy(2);
        }
        else if (IsXmlChar(c))
        {
            Copy(1);
        }
        else
        {
            report.Warn($"Line {line}: the character U+{(int)c:X4}, which XML does not allow, was dropped.");
            inputStart++;
        }
    }

    private void Ampersand(ReadOnlySpan<char> ahead)
    {
        foreach (var entity in NamedEntities)
        {
            if (ahead.StartsWith(entity))
            {
                Copy(entity.Length);
                return;
            }
        }

        if (NumericReference(ahead) is var (length, code))
        {
            if (code <= 0xFFFF ? IsXmlChar((char)code) && !char.IsSurrogate((char)code) : code <= 0x10FFFF)
            {
                Copy(length);
            }
            else
            {
                report.Warn($"Line {line}: a reference to the character U+{code:X4}, which XML does not allow, was dropped.");
                inputStart += length;
            }

            return;
        }

        report.Warn($"Line {line}: a bare & was written as &amp;.");
        "&amp;".CopyTo(output.AsSpan(outputEnd));
        outputEnd += 5;
        inputStart++;
    }

    /// <summary>The length and code point of a <c>&amp;#123;</c> or <c>&amp;#x1F;</c> at the start, if there is one.</summary>
    private static (int Length, int Code)? NumericReference(ReadOnlySpan<char> ahead)
    {
        if (ahead.Length < 4 || ahead[1] != '#')
        {
            return null;
        }

        var hex = ahead[2] is 'x' or 'X';
        var digits = hex ? 3 : 2;
        var code = 0L;
        var i = digits;
        for (; i < ahead.Length && i < Lookahead && ahead[i] != ';'; i++)
        {
            var value = hex ? HexValue(ahead[i]) : ahead[i] is >= '0' and <= '9' ? ahead[i] - '0' : -1;
            if (value < 0)
            {
                return null;
            }

            code = (code * (hex ? 16 : 10)) + value;
        }

        return i > digits && i < ahead.Length && ahead[i] == ';' ? (i + 1, (int)Math.Min(code, int.MaxValue)) : null;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');

    private void Copy(int length)
    {
        var span = input.AsSpan(inputStart, length);
        line += span.Count('\n');
        span.CopyTo(output.AsSpan(outputEnd));
        outputEnd += length;
        inputStart += length;
    }
}
