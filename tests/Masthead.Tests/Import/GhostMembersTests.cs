using System.Text;
using Masthead.Import;

namespace Masthead.Tests.Import;

public sealed class GhostMembersTests : IDisposable
{
    private const string Header = "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers";

    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    private (List<ImportedMember> Members, ImportReport Report) Read(string csv)
    {
        var report = new ImportReport();
        return (GhostMembers.Read(files.Write("members.csv", csv), report).ToList(), report);
    }

    [Fact]
    public void A_ghost_members_export_is_read_with_its_flags_dates_labels_and_tiers()
    {
        var (members, report) = Read($"""
            {Header}
            m1,grace@example.org,Grace Hopper,Early backer,true,true,cus_ABC123,2024-01-15T10:00:00.000Z,,"VIP, Newsletter",Gold
            m2,reader@example.org,Katherine Johnson,,false,false,,2024-02-01 09:30:00,,,
            """);

        Assert.Empty(report.Warnings);
        Assert.Equal(2, members.Count);
        var grace = members[0];
        Assert.Equal(("grace@example.org", "Grace Hopper", true, true, "cus_ABC123"), (grace.Email, grace.Name, grace.SubscribedToEmails, grace.Complimentary, grace.StripeCustomerId));
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero), grace.CreatedAt);
        Assert.Equal(["VIP", "Newsletter"], grace.Labels);
        Assert.Equal(["Gold"], grace.Tiers);
        var reader = members[1];
        Assert.Equal((false, false, (string?)null), (reader.SubscribedToEmails, reader.Complimentary, reader.StripeCustomerId));
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 9, 30, 0, TimeSpan.Zero), reader.CreatedAt);
        Assert.Empty(reader.Labels);
        Assert.Empty(reader.Tiers);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_with_crlf_lines_and_a_bom()
    {
        var csv = "\uFEFF" + Header + "\r\n"
            + "m1,ada@example.org,\"Lovelace, Ada \"\"The Countess\"\"\",\"line one\r\nline two\nline three\",true,false,,,,,\r\n"
            + "m2,bob@example.org,Bob,,true,false,,,,,";

        var (members, _) = Read(csv);

        Assert.Equal(["ada@example.org", "bob@example.org"], members.Select(member => member.Email));
        Assert.Equal("Lovelace, Ada \"The Countess\"", members[0].Name);
        Assert.True(members[1].SubscribedToEmails);
    }

    [Fact]
    public void Columns_are_found_by_their_header_in_any_order_and_may_be_absent()
    {
        var (members, _) = Read("""
            labels,Name,EMAIL,products
            Local,Cleo,cleo@example.org,Supporter
            """);

        var cleo = Assert.Single(members);
        Assert.Equal(("cleo@example.org", "Cleo", false, false, (string?)null, (DateTimeOffset?)null), (cleo.Email, cleo.Name, cleo.SubscribedToEmails, cleo.Complimentary, cleo.StripeCustomerId, cleo.CreatedAt));
        Assert.Equal(["Local"], cleo.Labels);
        Assert.Equal(["Supporter"], cleo.Tiers);
    }

    [Fact]
    public void Rows_without_a_valid_email_are_skipped_and_warned_of_by_their_line()
    {
        var (members, report) = Read($"""
            {Header}
            m1,"not an email",A,"a note
            over two lines",true,false,,,,,
            m2,,B,,true,false,,,,,

            m3,ok@example.org,C,,true,false,,,,,
            m4,<script>@x,D,,true,false,,,,,
            """);

        Assert.Equal("ok@example.org", Assert.Single(members).Email);
        Assert.Equal(3, report.Counts["ghost member skipped: no valid email"]);
        Assert.Equal(["line 2:", "line 4:", "line 7:"], report.Warnings.Select(warning => warning.Split(' ')[2] + " " + warning.Split(' ')[3]));
    }

    [Fact]
    public void Deleted_members_and_repeated_emails_are_skipped_and_counted()
    {
        var (members, report) = Read($"""
            {Header}
            m1,one@example.org,One,,true,false,,,2024-03-01T00:00:00.000Z,,
            m2,two@example.org,Two,,true,false,,,,,
            m3,TWO@example.org ,Two again,,true,false,,,,,
            """);

        Assert.Equal("two@example.org", Assert.Single(members).Email);
        Assert.Equal(1, report.Counts["ghost member skipped: deleted at Ghost"]);
        Assert.Equal(1, report.Counts["ghost member skipped: the same email as an earlier row"]);
    }

    [Fact]
    public void An_unreadable_date_is_warned_of_and_left_out()
    {
        var (members, report) = Read($"""
            {Header}
            m1,one@example.org,One,,true,false,,last tuesday,,,
            """);

        Assert.Null(Assert.Single(members).CreatedAt);
        Assert.Contains("line 2", Assert.Single(report.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,name,note\nm1,Ada,\n", "This is not a Ghost members export: it has no email column.")]
    [InlineData("", "This members file is empty.")]
    public void A_file_without_an_email_column_is_refused_when_read_is_called(string csv, string expected)
    {
        var path = files.Write("members.csv", csv);

        var refused = Assert.Throws<ImportRefusedException>(() => GhostMembers.Read(path, new ImportReport()));

        Assert.Equal(expected, refused.Message);
    }

    [Fact]
    public void A_quoted_field_left_open_at_the_end_is_refused()
    {
        var refused = Assert.Throws<ImportRefusedException>(() => Read($"{Header}\nm1,one@example.org,\"One,,true"));

        Assert.Equal("This CSV file ends inside a quoted field begun on line 2.", refused.Message);
    }

    [Fact]
    public void A_large_file_is_read_to_its_last_row_and_can_be_read_again()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append($"m{i},member{i}@example.org,Member {i},,true,false,,,,,\n");
        }

        var report = new ImportReport();
        var members = GhostMembers.Read(files.Write("many.csv", csv.ToString()), report);

        Assert.Equal("member19999@example.org", members.Last().Email);
        Assert.Equal(20_000, members.Count());
    }
}
