using System.Globalization;
using System.Text;

namespace Masthead.ImportBench;

/// <summary>
/// A Ghost members CSV (Members → Export) as Ghost 5 writes it: id, email, name, note, subscribed_to_emails,
/// complimentary_plan, stripe_customer_id, created_at, deleted_at, labels, tiers; quoted where a field holds a comma, a
/// quote or a line break, as RFC 4180 asks. About 70 % subscribed, 5 % comped, 20 % paying (a Stripe customer and a
/// tier), a third labelled, now and then a quoted name or a note of two lines.
/// </summary>
internal static class MembersFile
{
    private static readonly string[] Labels = ["newsletter", "local", "event: open day 2024", "donor", "student, school"];

    public static async Task WriteAsync(Stream output, int members, int seed)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers\r\n");
        var newest = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var line = new StringBuilder();
        for (var n = 1; n <= members; n++)
        {
            var random = BenchText.For(seed, n);
            var name = BenchText.Name(random);
            var paying = random.Next(5) == 0;
            var labels = random.Next(3) == 0 ? string.Join(",", Labels.Skip(random.Next(Labels.Length)).Take(2)) : "";
            var note = random.Next(50) == 0 ? "Met at the open day.\nWants the weekly digest." : "";
            line.Clear()
                .Append(CultureInfo.InvariantCulture, $"7800000000{n:x14},")
                .Append(CultureInfo.InvariantCulture, $"member{n}@{(n % 7 == 0 ? "mail.example" : "post.example")},")
                .Append(Field(name)).Append(',')
                .Append(Field(note)).Append(',')
                .Append(random.Next(10) < 7 ? "true" : "false").Append(',')
                .Append(random.Next(20) == 0 ? "true" : "false").Append(',')
                .Append(paying ? $"cus_bench{n:D8}" : "").Append(',')
                .Append(newest.AddMinutes(-(long)n * 9).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(',')
                .Append(Field(labels)).Append(',')
                .Append(paying ? (random.Next(2) == 0 ? "Supporter" : "\"Supporter,Patron\"") : "")
                .Append("\r\n");
            await writer.WriteAsync(line);
        }
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
