using System.Text;

namespace Masthead.Import;

/// <summary>
/// Reads CSV (RFC 4180) one record at a time: fields in double quotes may hold commas, line breaks and doubled quotes;
/// records end at CRLF, LF or CR. <see cref="Line"/> is the line the last record began on, for warnings a person can follow.
/// </summary>
internal sealed class CsvRecords(TextReader reader)
{
    // A member's row is a few hundred characters; a field past this is a broken or hostile file, not a long note.
    private const int MaxFieldLength = 1 << 20;

    private int nextLine = 1;

    public int Line { get; private set; }

    public List<string>? Next()
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        Line = nextLine;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0 && inQuotes)
            {
                throw new ImportRefusedException($"This CSV file ends inside a quoted field begun on line {Line}.");
            }

            if (inQuotes)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    nextLine += c == '\n' || (c == '\r' && reader.Peek() != '\n') ? 1 : 0;
                    Append(field, (char)c);
                }
            }
            else if (c == '"' && field.Length == 0 && !quoted)
            {
                (inQuotes, quoted) = (true, true);
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                (field, quoted) = (new StringBuilder(), false);
            }
            else if (c is < 0 or '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                nextLine++;
                fields.Add(field.ToString());
                return fields;
            }
            else
            {
                Append(field, (char)c);
            }
        }
    }

    private void Append(StringBuilder field, char c)
    {
        if (field.Length >= MaxFieldLength)
        {
            throw new ImportRefusedException($"A field on line {Line} of this CSV file is longer than {MaxFieldLength >> 20} MB.");
        }

        field.Append(c);
    }
}
