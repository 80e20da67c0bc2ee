using System.Diagnostics.CodeAnalysis;
using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Runs Masthead in memory on a database of its own: each instance gets a fresh data directory and a fresh, empty
/// database (a SQLite file in that directory, or a new PostgreSQL database), both removed when it is disposed.
/// </summary>
/// <remarks>
/// <para>How a test class runs on both databases: write it once as an abstract class that takes a
/// <see cref="MastheadFactory"/>, then add one sealed subclass per database in that database's collection:</para>
/// <code>
/// public abstract class FrontPageTests(MastheadFactory factory)
/// {
///     [Fact]
///     public async Task Something() { using var client = factory.CreateBrowserClient(); ... }
/// }
///
/// [Collection(SqliteCollection.Name)]
/// public sealed class FrontPageTestsOnSqlite(SqliteFactory factory) : FrontPageTests(factory);
///
/// [Collection(PostgresCollection.Name)]
/// public sealed class FrontPageTestsOnPostgres(PostgresFactory factory) : FrontPageTests(factory);
/// </code>
/// <para>Every class in a collection shares that collection's one factory (one app, one database, one
/// <see cref="Clock"/>), and the classes of one collection run one after another. So a test that needs an empty
/// database, demo content, other settings, or moves the clock far should make its own factory instead:
/// <c>await using var own = new SqliteFactory { SeedDemo = true };</c> (or a <see cref="PostgresFactory"/>).
/// Settings are read when the app starts, on the first client or <see cref="WithDb{T}"/>, so set them before that.</para>
/// </remarks>
public abstract class MastheadFactory : WebApplicationFactory<Program>
{
    /// <summary>Where <see cref="Clock"/> starts: a Monday morning.</summary>
    public static readonly DateTimeOffset StartTime = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The base address of the clients made here. HTTPS, so cookies marked Secure are sent back.</summary>
    public static readonly Uri BaseAddress = new("https://localhost/");

    private bool _cleanedUp;

    protected MastheadFactory()
        : this(Directory.CreateTempSubdirectory("masthead-test-").FullName, ownsData: true)
    {
    }

    /// <summary>A factory on <paramref name="dataDirectory"/>; only the one that <paramref name="ownsData"/> removes it.</summary>
    protected MastheadFactory(string dataDirectory, bool ownsData)
    {
        DataDirectory = dataDirectory;
        OwnsData = ownsData;
    }

    /// <summary>The app's <see cref="TimeProvider"/>. Move it with <c>Clock.Advance(...)</c> or <c>Clock.SetUtcNow(...)</c>.</summary>
    public FakeTimeProvider Clock { get; } = new(StartTime);

    /// <summary>The first admin's address, given to the app as <c>Masthead:Admin:Email</c>.</summary>
    public string AdminEmail { get; init; } = "admin@masthead.test";

    /// <summary>The first admin's password, given to the app as <c>Masthead:Admin:Password</c>.</summary>
    public string AdminPassword { get; init; } = "Test-admin-password-1";

    /// <summary>Fill the empty database with the demo newsroom (<c>Masthead:Newsroom:SeedDemo</c>). Off unless asked for.</summary>
    public bool SeedDemo { get; init; }

    /// <summary>
    /// Keep the bot defences' production settings. Off by default: then every form may be posted as soon as it is
    /// fetched (<c>Masthead:FormTiming:MinimumFillTime</c> 0) and the per-address and per-mailbox rate limits
    /// (<c>Masthead:RateLimits:*:Permits</c>) are out of reach, since every test client shares one address and
    /// one clock that only moves when a test moves it (<see cref="TestApp.RelaxedBotDefences"/>). The bot tests turn it on.
    /// </summary>
    public bool BotDefencesAsInProduction { get; set; }

    /// <summary>
    /// The host's environment: Development (the test host's default, as for <c>dotnet run</c>), so no
    /// <c>Masthead:Newsroom:BaseUrl</c> is needed and any Host is answered. Production needs a BaseUrl in <see cref="Settings"/>
    /// and answers only its host name: make clients on it (<c>CreateDefaultClient(new Uri("https://news.example/"))</c>).
    /// </summary>
    public string EnvironmentName { get; set; } = Microsoft.Extensions.Hosting.Environments.Development;

    /// <summary>More configuration for the app, e.g. <c>new SqliteFactory { Settings = { ["Masthead:Newsroom:Name"] = "X" } }</c>.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Set before the app starts to keep every log entry it writes (see <see cref="LogCapture"/>).</summary>
    public LogCapture? Logs { get; set; }

    /// <summary>This instance's <c>Masthead:DataDirectory</c>, a fresh temporary directory.</summary>
    public string DataDirectory { get; }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, the value of <c>Masthead:Database:Provider</c>.</summary>
    public abstract string DatabaseProvider { get; }

    /// <summary>Whether disposing this factory removes its database and data directory.</summary>
    protected bool OwnsData { get; }

    /// <summary>
    /// The same newsroom started again: a new app on this factory's database and data directory, as after a
    /// restart. It leaves both in place when disposed; this factory still removes them.
    /// </summary>
    public abstract MastheadFactory Restarted();

    /// <summary>Gives a restarted factory this one's settings, as a restarted app reads the same configuration.</summary>
    protected MastheadFactory WithSameSettings(MastheadFactory restarted)
    {
        ArgumentNullException.ThrowIfNull(restarted);
        restarted.EnvironmentName = EnvironmentName;
        foreach (var (key, value) in Settings)
        {
            restarted.Settings[key] = value;
        }

        return restarted;
    }

    /// <summary>A new factory of the same kind (same database engine), with its own database and clock, for a test that needs them to itself.</summary>
    public abstract MastheadFactory Fresh();

    /// <summary>The EF Core provider the app should end up on, for asserting the wiring.</summary>
    public abstract string EfProviderName { get; }

    /// <summary>The value of <c>Masthead:Database:ConnectionString</c>.</summary>
    protected abstract string DatabaseConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        TestApp.Configure(builder, AppSettings(), Clock);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestClientAddresses>();
            if (Logs is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            }
        });
    }

    /// <summary>
    /// Everything this factory configures its app with: the data directory, the database, the first admin, the
    /// bot defences (relaxed unless <see cref="BotDefencesAsInProduction"/>) and <see cref="Settings"/>. Also what a real Masthead process needs to run on this factory's data (<see cref="MastheadProcess"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> AppSettings() => TestApp.Settings(
        DataDirectory, DatabaseProvider, DatabaseConnectionString, SeedDemo, (AdminEmail, AdminPassword), relaxBotDefences: !BotDefencesAsInProduction, Settings);

    /// <summary>
    /// A client that keeps cookies (judging their expiry by <see cref="Clock"/>, like a browser living in the
    /// app's time) and does not follow redirects, so tests see each 302 and its Location.
    /// </summary>
    public HttpClient CreateBrowserClient() => CreateBrowserClient(out _);

    /// <summary>As <see cref="CreateBrowserClient()"/>, also handing out the client's cookies.</summary>
    public HttpClient CreateBrowserClient(out TestCookieJar cookies)
    {
        cookies = new TestCookieJar(Clock);
        return CreateDefaultClient(BaseAddress, new TestCookieJar.Handler(cookies));
    }

    /// <summary>
    /// Signs in through /admin/signin as a person would and returns the signed-in client. Someone with two-factor
    /// sign-in answers the code step from their authenticator (see <see cref="TwoFactorSteps"/>); an admin without it
    /// is sent to set it up, and does so, as admins must.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password) => (await SignedInWithCookiesAsync(email, password)).Client;

    /// <summary>As <see cref="SignedInClientAsync"/>, also handing out the client's cookies, e.g. to present them to another node.</summary>
    public async Task<(HttpClient Client, TestCookieJar Cookies)> SignedInWithCookiesAsync(string email, string password)
    {
        var client = CreateBrowserClient(out var cookies);
        var before = cookies.Names.ToHashSet(StringComparer.Ordinal);
        var response = await PostFormAsync(client, "/admin/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.Headers.Location?.OriginalString == TwoFactorSteps.CodePath)
        {
            response.Dispose();
            response = await TwoFactorSteps.AnswerAsync(this, client, await TwoFactorSteps.FreshCodeAsync(this, email));
        }
        else if (response.Headers.Location?.OriginalString == TwoFactorSteps.SetupPath)
        {
            await TwoFactorSteps.EnrolAsync(this, client);
        }

        using var answered = response;
        if (answered.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            var body = await answered.Content.ReadAsStringAsync();
            Assert.Fail($"Signing in as {email} answered {(int)answered.StatusCode} {answered.StatusCode}, not a redirect. " +
                $"Messages on the page: {Html.Messages(body)}");
        }

        Assert.True(cookies.Names.Any(name => !before.Contains(name)),
            $"Signing in as {email} redirected to {answered.Headers.Location} but set no new cookie.");
        return (client, cookies);
    }

    /// <summary>Signs in as the admin this factory configured.</summary>
    public Task<HttpClient> SignedInAdminAsync() => SignedInClientAsync(AdminEmail, AdminPassword);

    /// <summary>
    /// GETs <paramref name="pageUrl"/> (must answer 200), takes the antiforgery token from its form, and posts
    /// <paramref name="fields"/> with it to <paramref name="postUrl"/> (default: the page itself, as Razor Pages
    /// forms do; pass e.g. "/admin/articles/edit/3?handler=Publish" for a named handler). The client must keep
    /// cookies (<see cref="CreateBrowserClient()"/>) since the token is paired with a cookie. Repeated keys are fine.
    /// </summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Called on the factory, beside its other helpers.")]
    public Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null) =>
        Forms.PostAsync(client, pageUrl, fields, postUrl);

    /// <summary>GETs <paramref name="url"/>, asserts 200, and parses the page.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Called on the factory, beside its other helpers.")]
    public Task<IHtmlDocument> GetPageAsync(HttpClient client, string url) => Html.GetPageAsync(client, url);

    /// <summary>Reads or changes the database through the app's own services, in a scope of its own.</summary>
    public T WithDb<T>(Func<MastheadDb, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    /// <inheritdoc cref="WithDb{T}"/>
    public void WithDb(Action<MastheadDb> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        action(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    /// <inheritdoc cref="WithDb{T}"/>
    public async Task<T> WithDbAsync<T>(Func<MastheadDb, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    /// <inheritdoc cref="WithDb{T}"/>
    public async Task WithDbAsync(Func<MastheadDb, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    /// <summary>Applies every payment event waiting in the inbox, as the background worker would; returns how many.</summary>
    public async Task<int> ApplyPaymentEventsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Masthead.Contributions.PaymentInbox>().ProcessPendingAsync(CancellationToken.None);
    }

    /// <summary>
    /// Sends the mail that is due (receipts, links asked for, reminders), as the mail job does at once when a form or a
    /// payment wakes it: runs the job until a run sends nothing while the job's own loop is idle, so a send the woken loop
    /// had claimed is finished too (up to 10 s), and a test reads its mail at once. What is due is the queues' own rule.
    /// </summary>
    public async Task SendMailAsync()
    {
        var job = Services.GetRequiredService<Masthead.Email.MailJob>();
        var jobs = Services.GetRequiredService<Masthead.Jobs.JobHost>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await job.RunOnceAsync(CancellationToken.None) > 0 || !jobs.State(Masthead.Email.MailJob.Name).Waiting)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Removes this instance's own database once the app has stopped.</summary>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cleanedUp)
        {
            return;
        }

        _cleanedUp = true;
        if (!OwnsData)
        {
            GC.SuppressFinalize(this);
            return;
        }

        try
        {
            await DropDatabaseAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp directory; nothing depends on it.
            }
        }

        GC.SuppressFinalize(this);
    }
}
