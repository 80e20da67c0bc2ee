using System.Text.Json;

namespace Masthead.Import;

/// <summary>A table's row of a Ghost export, or, with <see cref="Row"/> null, the sign that the table is there.</summary>
internal readonly record struct GhostRow(string Table, JsonDocument? Row);

/// <summary>
/// Walks a Ghost export's JSON: <c>db[0]</c> (or <c>db</c> itself, an object in some version 2 exports), its
/// <c>meta</c> (given as the table "meta") and the tables of its <c>data</c>, giving the rows of the tables asked for
/// and skipping everything else token by token, so a skipped table costs no memory.
/// </summary>
internal static class GhostTables
{
    public static IEnumerable<GhostRow> Rows(Stream stream, Func<string, bool> wanted)
    {
        var json = new JsonStream(stream);
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
        {
            throw new ImportRefusedException("This is not a Ghost export: the file is not a JSON object.");
        }

        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.PropertyName;
            json.Read();
            if (name == "db" && json.TokenType == JsonTokenType.StartObject)
            {
                foreach (var row in Database(json, wanted))
                {
                    yield return row;
                }
            }
            else if (name == "db" && json.TokenType == JsonTokenType.StartArray)
            {
                var first = true;
                while (json.Read() && json.TokenType != JsonTokenType.EndArray)
                {
                    if (first && json.TokenType == JsonTokenType.StartObject)
                    {
                        foreach (var row in Database(json, wanted))
                        {
                            yield return row;
                        }
                    }
                    else
                    {
                        json.Skip();
                    }

                    first = false;
                }
            }
            else
            {
                json.Skip();
            }
        }

        // Read to the end, so a fault after the tables is found on the first pass too.
        while (json.Read())
        {
        }
    }

    private static IEnumerable<GhostRow> Database(JsonStream json, Func<string, bool> wanted)
    {
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var name = json.PropertyName;
            json.Read();
            if (name == "meta" && json.TokenType == JsonTokenType.StartObject)
            {
                yield return new GhostRow("meta", json.TakeValue());
            }
            else if (name == "data" && json.TokenType == JsonTokenType.StartObject)
            {
                foreach (var row in Data(json, wanted))
                {
                    yield return row;
                }
            }
            else
            {
                json.Skip();
            }
        }
    }

    private static IEnumerable<GhostRow> Data(JsonStream json, Func<string, bool> wanted)
    {
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var table = json.PropertyName!;
            json.Read();
            if (json.TokenType != JsonTokenType.StartArray)
            {
                json.Skip();
                continue;
            }

            yield return new GhostRow(table, null);
            if (!wanted(table))
            {
                json.Skip();
                continue;
            }

            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                yield return new GhostRow(table, json.TakeValue());
            }
        }
    }
}
