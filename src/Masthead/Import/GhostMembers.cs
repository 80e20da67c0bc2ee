using System.Globalization;
using Masthead.Email;

namespace Masthead.Import;

/// <summary>
/// Reads Ghost's members CSV export (Members → Export: id, email, name, note, subscribed_to_emails, complimentary_plan,
/// stripe_customer_id, created_at, deleted_at, labels, tiers — "products" before Ghost 5). Columns are found by their
/// header in any order and may be absent, except email. The header is checked when <see cref="Read"/> is called; the
/// members are read one row at a time as they are asked for.
/// </summary>
public static class GhostMembers
{
    public static IEnumerable<ImportedMember> Read(string path, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Dictionary<string, int> columns;
        using (var reader = Open(path))
        {
            var header = new CsvRecords(reader).Next() ?? throw new ImportRefusedException("This members file is empty.");
            columns = header
                .Select((name, at) => (Name: name.Trim().TrimStart('\uFEFF').ToLowerInvariant(), At: at))
                .DistinctBy(column => column.Name)
                .ToDictionary(column => column.Name, column => column.At, StringComparer.Ordinal);
        }

        return columns.ContainsKey("email")
            ? Members(path, columns, report)
            : throw new ImportRefusedException("This is not a Ghost members export: it has no email column.");
    }

    private static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportRefusedException($"There is no file at {path}.");
        }
    }

    private static IEnumerable<ImportedMember> Members(string path, Dictionary<string, int> columns, ImportReport report)
    {
        using var reader = Open(path);
        var csv = new CsvRecords(reader);
        csv.Next();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Next() is { } row)
        {
            if (row is [""])
            {
                continue;
            }

            string? Field(string name) => columns.TryGetValue(name, out var at) && at < row.Count ? row[at].Trim() : null;

            var email = Field("email") ?? "";
            if (!EmailAddresses.IsValid(email))
            {
                report.Skip("ghost member", "no valid email");
                report.Warn($"Members file, line {csv.Line}: \"{Shorten(email)}\" is not an email address; the row was skipped.");
                continue;
            }

            if (!string.IsNullOrEmpty(Field("deleted_at")))
            {
                report.Skip("ghost member", "deleted at Ghost");
                continue;
            }

            // The report is kept with the run in the clear, so it names lines, never a member's address.
            if (!seen.TryAdd(EmailAddresses.Normalize(email), csv.Line))
            {
                report.Skip("ghost member", "the same email as an earlier row");
                report.Warn($"Members file, line {csv.Line}: the same email as line {seen[EmailAddresses.Normalize(email)]}; this row was skipped.");
                continue;
            }

            yield return new ImportedMember(
                email,
                Field("name") ?? "",
                IsTrue(Field("subscribed_to_emails")),
                IsTrue(Field("complimentary_plan")),
                Field("stripe_customer_id") is { Length: > 0 } customer ? customer : null,
                Date(Field("created_at"), csv.Line, report),
                List(Field("labels")),
                List(Field("tiers") ?? Field("products")));
        }
    }

    // Only a plain yes counts: no one is signed up for emails or given a free plan on a guess.
    private static bool IsTrue(string? value) => value?.ToLowerInvariant() is "true" or "1" or "yes";

    private static DateTimeOffset? Date(string? value, int line, ImportReport report)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date.ToUniversalTime();
        }

        report.Warn($"Members file, line {line}: \"{Shorten(value)}\" is not a date; the member was read without one.");
        return null;
    }

    // Ghost writes a member's labels (and tiers) as one field, the names joined by commas.
    private static string[] List(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
