using System.Net;
using System.Net.Sockets;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Operations;

/// <summary>
/// The real program, started with one bad setting or command line at a time: it must say what is wrong in a plain
/// sentence naming the setting, exit with the documented code, print no stack trace, and leave the data directory
/// (and so the SQLite database, the keys and the first admin) unmade. The PostgreSQL cases are in <see cref="BadDatabaseTests"/>.
/// </summary>
public sealed class BadConfigurationTests
{
    /// <summary>One row: what is set, what is run, what must be said, and the exit code.</summary>
    public sealed record Case(string Name, Dictionary<string, string?> Settings, string[] Arguments, string Says, int ExitCode)
    {
        public override string ToString() => Name;
    }

    private static readonly string[] Serve = ["--urls", "http://127.0.0.1:0"];

    public static TheoryData<Case> Cases { get; } =
    [
        new("unknown time zone", new() { ["Masthead:Newsroom:TimeZone"] = "Europe/Atlantis" }, Serve,
            "Masthead:Newsroom:TimeZone \"Europe/Atlantis\" is not a time zone", 3),
        new("zero monthly minimum", new() { ["Masthead:Contributions:Currencies:USD:MonthlyMinimum"] = "0" }, Serve,
            "Masthead:Contributions:Currencies:USD:MonthlyMinimum must be more than zero", 3),
        new("negative one-time minimum", new() { ["Masthead:Contributions:Currencies:EUR:OneTimeMinimum"] = "-100" }, Serve,
            "Masthead:Contributions:Currencies:EUR:OneTimeMinimum must be more than zero", 3),
        new("unknown currency", new() { ["Masthead:Contributions:Currencies:XYZ:MonthlyMinimum"] = "200", ["Masthead:Contributions:DefaultCurrency"] = "XYZ" }, Serve,
            "Masthead:Contributions:Currencies:XYZ is not an ISO 4217 currency code", 3),
        new("default currency not offered", new() { ["Masthead:Contributions:DefaultCurrency"] = "GBP" }, Serve,
            "Masthead:Contributions:DefaultCurrency \"GBP\" must be one of the configured currencies (USD, EUR)", 3),
        new("unknown payment provider", new() { ["Masthead:Payments:Provider"] = "paypal" }, Serve,
            "Masthead:Payments:Provider must be sandbox or stripe.", 3),
        new("live Stripe key with the sandbox", new() { ["Masthead:Stripe:SecretKey"] = "sk_live_abcdef", ["Masthead:Stripe:WebhookSecret"] = "whsec_abcdef" }, Serve,
            "Masthead:Stripe:SecretKey is a live key but Masthead:Payments:Provider is sandbox", 3),
        new("half a Stripe configuration", new() { ["Masthead:Payments:Provider"] = "Stripe", ["Masthead:Stripe:SecretKey"] = "sk_test_abcdef" }, Serve,
            "Masthead:Stripe:WebhookSecret must be the webhook endpoint's signing secret", 3),
        new("unknown database provider", new() { ["Masthead:Database:Provider"] = "MySql" }, Serve,
            "Masthead:Database:Provider must be Sqlite or Postgres.", 3),
        new("unreadable SQLite connection string", new() { ["Masthead:Database:ConnectionString"] = "Data Sorce=masthead.db" }, Serve,
            "Masthead:Database:ConnectionString cannot be read as a Sqlite connection string", 3),
        new("malformed personal-data key", new() { ["Masthead:Privacy:Key"] = "too short" }, Serve,
            "Masthead:Privacy:Key must be the base64 of exactly 32 random bytes", 3),
        new("no base address in Production", new() { ["Masthead:Newsroom:BaseUrl"] = "" }, Serve,
            "Masthead:Newsroom:BaseUrl is not set: outside Development Masthead needs the site's public address", 3),
        new("base address with a path", new() { ["Masthead:Newsroom:BaseUrl"] = "https://news.example.org/news" }, Serve,
            "Masthead:Newsroom:BaseUrl \"https://news.example.org/news\" must be the site's address alone", 3),
        new("page size out of range", new() { ["Masthead:Newsroom:PageSize"] = "0" }, Serve,
            "The field Masthead:Newsroom:PageSize must be between 1 and 100.", 3),
        new("From is not an address", new() { ["Masthead:Email:From"] = "newsroom" }, ["migrate"],
            "The Masthead:Email:From field is not a valid e-mail address.", 3),
        new("consent setting neither true nor false", new() { ["Masthead:Newsroom:CountOnlyWithConsent"] = "maybe" }, Serve,
            "Masthead:Newsroom:CountOnlyWithConsent is \"maybe\", which is not true or false.", 3),
        new("page size not a number", new() { ["Masthead:Newsroom:PageSize"] = "ten" }, Serve,
            "Masthead:Newsroom:PageSize is \"ten\", which is not a whole number.", 3),
        new("half a DKIM configuration", new() { ["Masthead:Newsletters:Dkim:Domain"] = "news.example", ["Masthead:Newsletters:Dkim:Selector"] = "mail" }, Serve,
            "Masthead:Newsletters:Dkim needs Domain, Selector and PrivateKeyFile together", 3),
        new("DKIM key file missing", new() { ["Masthead:Newsletters:Dkim:Domain"] = "news.example", ["Masthead:Newsletters:Dkim:Selector"] = "mail", ["Masthead:Newsletters:Dkim:PrivateKeyFile"] = "/nonexistent/dkim.pem" }, Serve,
            "Masthead:Newsletters:Dkim:PrivateKeyFile \"/nonexistent/dkim.pem\" is not a file this server can read.", 3),
        new("unsubscribe mailbox not an address", new() { ["Masthead:Newsletters:UnsubscribeMailbox"] = "unsubscribe" }, Serve,
            "The Masthead:Newsletters:UnsubscribeMailbox field is not a valid e-mail address.", 3),
        new("unknown command", [], ["frobnicate"], "Unrecognized command or argument 'frobnicate'.", 2),
        new("unknown option", [], ["--frobnicate"], "Unrecognized command or argument '--frobnicate'.", 2),
        new("missing argument", [], ["create-staff", "jane@example.org"], "Required argument 'role' missing for command: 'create-staff'.", 2),
        new("bad argument", [], ["create-staff", "jane@example.org", "Publisher"], "Publisher", 2),
        new("option without its value", [], ["--urls"], "Required argument missing for option: '--urls'.", 2),
        new("help", [], ["--help"], "reset-two-factor <email>", 0),
        new("a command's help", [], ["restore", "--help"], "--force", 0),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_setting_or_command_line_is_refused_with_one_sentence_and_nothing_is_written(Case row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var data = new Scratch();
        row.Settings["Masthead:DataDirectory"] = data.DataDirectory;

        var (exitCode, output, error) = await MastheadProcess.RunToExitAsync(row.Settings, row.Arguments);

        Assert.True(exitCode == row.ExitCode, $"Exit code {exitCode}, not {row.ExitCode}:\n{output}\n{error}");
        Assert.Contains(row.Says, output + error, StringComparison.Ordinal);
        NoStackTrace(output + error);
        if (Directory.Exists(data.DataDirectory))
        {
            Assert.Fail($"The data directory was made:\n{string.Join('\n', Directory.GetFileSystemEntries(data.DataDirectory, "*", SearchOption.AllDirectories))}");
        }
    }

    [Fact]
    public async Task A_port_in_use_is_refused_before_the_database_or_the_first_admin_is_made()
    {
        using var data = new Scratch();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var (exitCode, output, error) = await MastheadProcess.RunToExitAsync(new Dictionary<string, string?> { ["Masthead:DataDirectory"] = data.DataDirectory }, ["--urls", url]);

        Assert.True(exitCode == 4, $"Exit code {exitCode}:\n{output}\n{error}");
        Assert.Contains($"The address {url} is in use by another program", error, StringComparison.Ordinal);
        Assert.Contains("--urls or ASPNETCORE_URLS", error, StringComparison.Ordinal);
        Assert.DoesNotContain("password", output, StringComparison.OrdinalIgnoreCase);
        NoStackTrace(output + error);
        Assert.False(Directory.Exists(data.DataDirectory));
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_made_is_named_and_nothing_else_happens()
    {
        using var data = new Scratch();
        var blocker = Path.Combine(data.Root, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var inside = Path.Combine(blocker, "data");

        var (exitCode, output, error) = await MastheadProcess.RunToExitAsync(new Dictionary<string, string?> { ["Masthead:DataDirectory"] = inside }, Serve);

        Assert.True(exitCode == 3, $"Exit code {exitCode}:\n{output}\n{error}");
        Assert.Contains($"Masthead:DataDirectory is {inside}, which Masthead cannot create or write", error, StringComparison.Ordinal);
        NoStackTrace(output + error);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(blocker));
    }

    [Fact]
    public async Task A_misspelt_setting_is_warned_about_with_the_nearest_real_one_and_the_command_still_runs()
    {
        using var data = new Scratch();
        var settings = new Dictionary<string, string?>
        {
            ["Masthead:DataDirectory"] = data.DataDirectory,
            ["Masthead:Newsroom:TimeZon"] = "Europe/Riga",
            ["Masthead:Contributions:Currencies:USD:MonthlyMinimun"] = "300",
            ["Masthead:Payments:Provider"] = "SANDBOX",
        };

        var (exitCode, output, error) = await MastheadProcess.RunToExitAsync(settings, ["migrate"]);

        Assert.True(exitCode == 0, $"Exit code {exitCode}:\n{output}\n{error}");
        Assert.Contains("WARNING: Masthead:Newsroom:TimeZon is not a Masthead setting, so it is ignored. Did you mean Masthead:Newsroom:TimeZone?", error, StringComparison.Ordinal);
        Assert.Contains("Did you mean Masthead:Contributions:Currencies:USD:MonthlyMinimum?", error, StringComparison.Ordinal);
        Assert.Contains("The database is up to date.", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.DataDirectory, "masthead.db")));
    }

    internal static void NoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
    }

    /// <summary>A temporary folder; the data directory inside it is not made, so the test can tell whether Masthead made it.</summary>
    internal sealed class Scratch : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("masthead-badconfig-").FullName;

        public string DataDirectory => Path.Combine(Root, "data");

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
