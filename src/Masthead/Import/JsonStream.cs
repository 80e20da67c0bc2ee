using System.Text.Json;

namespace Masthead.Import;

/// <summary>
/// Reads a JSON stream token by token through a buffer that grows only for a token or taken value larger than it, so an
/// export of any size is read in about the memory of its largest post. <see cref="TakeValue"/> gives the value the current
/// token begins as a document of its own.
/// </summary>
internal sealed class JsonStream(Stream stream)
{
    // A single post or row past this is no real export's; refusing it keeps a hostile file from taking the memory.
    private const int MaxValueBytes = 256 << 20;

    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool final;
    private JsonReaderState state;
    private int tokenStart;
    private JsonReaderState tokenState;

    public JsonTokenType TokenType { get; private set; }

    public int Depth { get; private set; }

    /// <summary>The name, when the current token is a property name; null otherwise.</summary>
    public string? PropertyName { get; private set; }

    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
            if (reader.Read())
            {
                (tokenStart, tokenState) = (start, state);
                TokenType = reader.TokenType;
                Depth = reader.CurrentDepth;
                PropertyName = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
                start += (int)reader.BytesConsumed;
                state = reader.CurrentState;
                return true;
            }

            if (final)
            {
                // The reader ends quietly at the end of the data even inside an object: a truncated file must not.
                return reader.CurrentDepth == 0 ? false : throw new JsonException("The JSON ends before its last object or array is closed.");
            }

            Fill();
        }
    }

    /// <summary>Moves past the object or array the current token begins; past any other value it is already.</summary>
    public void Skip()
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = Depth;
        while (Read())
        {
            if (TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>The whole value the current token begins, read past; the caller disposes it.</summary>
    public JsonDocument TakeValue()
    {
        (start, state) = (tokenStart, tokenState);
        while (true)
        {
            // Read the value's first token before parsing: a fresh reader knows only the token before it (the end of
            // the last row), which TryParseValue would take for the value's start.
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
            if (reader.Read() && JsonDocument.TryParseValue(ref reader, out var document))
            {
                start += (int)reader.BytesConsumed;
                state = reader.CurrentState;
                TokenType = reader.TokenType;
                Depth = reader.CurrentDepth;
                PropertyName = null;
                return document;
            }

            if (final)
            {
                throw new JsonException("The JSON ends inside a value.");
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            (tokenStart, end, start) = (tokenStart - start, end - start, 0);
        }
        else if (end == buffer.Length)
        {
            if (buffer.Length >= MaxValueBytes)
            {
                throw new ImportRefusedException($"This export holds a single value larger than {MaxValueBytes >> 20} MB; no real Ghost post is that large.");
            }

            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            final = true;
        }

        end += read;
    }
}
