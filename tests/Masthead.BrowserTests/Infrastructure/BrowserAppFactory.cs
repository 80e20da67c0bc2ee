using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.BrowserTests.Infrastructure;

/// <summary>
/// Masthead on a real Kestrel port on 127.0.0.1 (chosen by the OS), with its own temporary data directory and
/// SQLite file, the demo newsroom seeded, and a known admin.
/// </summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    private bool _cleanedUp;

    public BrowserAppFactory()
    {
        DataDirectory = Directory.CreateTempSubdirectory("masthead-browser-").FullName;
        UseKestrel(0);
    }

    /// <summary>
    /// The app's <see cref="TimeProvider"/>. It starts at the real time (to the minute) because Chromium judges
    /// cookie expiry by the real clock: a cookie issued at a fake date far in the past would be dropped on arrival.
    /// Tests may still move it forward.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(StartOfMinute(TimeProvider.System.GetUtcNow()));

    public string AdminEmail { get; init; } = "admin@masthead.test";

    public string AdminPassword { get; init; } = "Browser-admin-password-1";

    /// <summary>Seed the demo newsroom on start. On by default: browser tests look at real pages.</summary>
    public bool SeedDemo { get; init; } = true;

    /// <summary>More configuration for the app; set before the server starts.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public string DataDirectory { get; }

    /// <summary>Where the app listens, e.g. http://127.0.0.1:40123/. Starts the server on first use.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    // The bot defences are relaxed: the clock stands still while Chromium fills a form, so the "faster than a person"
    // check would refuse every journey; and every journey posts from one address. They are tested in Masthead.Tests.
    protected override void ConfigureWebHost(IWebHostBuilder builder) => TestApp.Configure(
        builder, TestApp.Settings(DataDirectory, "Sqlite", "", SeedDemo, (AdminEmail, AdminPassword), relaxBotDefences: true, Settings), Clock);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cleanedUp)
        {
            return;
        }

        _cleanedUp = true;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp directory; nothing depends on it.
        }

        GC.SuppressFinalize(this);
    }

    private static DateTimeOffset StartOfMinute(DateTimeOffset now) =>
        new(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
}
