using System.Text;

namespace Masthead.Tests.Admin;

/// <summary>Reads RFC 4180 CSV back into rows of cells, as a spreadsheet would before it looks at the cells.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = text.StartsWith('\uFEFF') ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(cell.Length == 0, $"A quote in the middle of an unquoted cell at {i}.");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.True(c != '\n' && c != '\r', $"A bare line break outside quotes at {i}: lines must end in CRLF.");
                cell.Append(c);
            }
        }

        Assert.False(quoted, "The file ends inside a quoted cell.");
        Assert.True(cell.Length == 0 && row.Count == 0, "The last line does not end in CRLF.");
        return rows;
    }
}
