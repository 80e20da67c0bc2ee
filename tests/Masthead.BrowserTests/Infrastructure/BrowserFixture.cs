using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Masthead.BrowserTests.Infrastructure;

/// <summary>
/// One app on a real port and one headless Chromium, shared by every class in the <c>Browser</c> collection.
/// Give each test its own browser context (its own cookies), e.g.:
/// <code>
/// [Collection(BrowserCollection.Name)]
/// public sealed class ReadingTests(BrowserFixture browser)
/// {
///     [Fact]
///     public async Task Front_page_has_no_serious_accessibility_violations()
///     {
///         await using var context = await browser.NewContextAsync();
///         var page = await context.NewPageAsync();
///         await page.GotoAsync("/");
///         await Axe.AssertNoSeriousViolationsAsync(page);
///     }
/// }
/// </code>
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; override with MASTHEAD_CHROMIUM. Playwright's own browser downloads are never used.</summary>
    public static readonly string ChromiumPath =
        Environment.GetEnvironmentVariable("MASTHEAD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Flags that keep Chromium quiet on a machine with no network beyond loopback.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The demo newsroom with its Russian edition and an Arabic one besides, so right-to-left pages are looked at too.</summary>
    public BrowserAppFactory App { get; } = new()
    {
        Settings =
        {
            ["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru",
            ["Masthead:Newsroom:Editions:ru:NewsroomName"] = "Меридиан",
            ["Masthead:Newsroom:Editions:ru:Currency"] = "EUR",
            ["Masthead:Newsroom:Editions:ar:Prefix"] = "/ar",
            ["Masthead:Newsroom:Editions:ar:NewsroomName"] = "ميريديان",
            ["Masthead:Newsroom:Editions:ar:Tagline"] = "صحافة مستقلة يموّلها قراؤها",
        },
    };

    /// <summary>Where the app listens, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress => App.ServerAddress;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started yet.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}. Run ./test.sh (it installs Debian's chromium), or set MASTHEAD_CHROMIUM.");
        }

        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh browser context (no cookies) whose relative URLs go to the app. Its <c>Math.random()</c> always answers
    /// <paramref name="draw"/>, so the variant a running appeal test draws is known: 0.1 lands in the control of any test.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null, double draw = 0.1)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= BaseAddress.ToString();
        options.Locale ??= "en-GB";
        options.TimezoneId ??= "UTC";
        var context = await Browser.NewContextAsync(options);
        await context.AddInitScriptAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Math.random = function () {{ return {draw}; }};"));
        return context;
    }

    private static readonly Regex SignInPage = new(@"/admin/signin(\?|#|$)", RegexOptions.IgnoreCase);
    private static readonly Regex SignInSteps = new("/admin/signin", RegexOptions.IgnoreCase);
    private static readonly PageAssertionsToHaveURLOptions LeavingSignIn = new() { Timeout = 30_000 };

    /// <summary>
    /// Signs <paramref name="page"/> in through /admin/signin (the app's admin by default) and waits to leave the
    /// sign-in pages. Like a person with an authenticator app, it sets up two-factor sign-in when sent to (admins must)
    /// and answers the code step with a code it has not used before.
    /// </summary>
    public async Task SignInAsync(IPage page, string? email = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        email ??= App.AdminEmail;
        await page.GotoAsync("/admin/signin");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password ?? App.AdminPassword);
        await page.Locator("input[name='Input.Password']").PressAsync("Enter");
        // Polls the address rather than WaitForURLAsync, which then waits for a load event that can race the redirect
        // and never be seen (a 30 s timeout, now and then, with the next page already shown).
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInPage, LeavingSignIn);
        switch (new Uri(page.Url).AbsolutePath)
        {
            case "/admin/signin/two-factor":
                await page.GetByLabel("Code").FillAsync(await Authenticator.FreshCodeAsync(App.Services, App.Clock, email));
                await page.GetByLabel("Code").PressAsync("Enter");
                await Assertions.Expect(page).Not.ToHaveURLAsync(SignInSteps, LeavingSignIn);
                break;
            case "/admin/account/two-factor":
                await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-two-factor-setup.png"), FullPage = true });
                var secret = Totp.FromBase32(await page.Locator(".totp-secret").TextContentAsync())!;
                await page.GetByLabel("Code from the app").FillAsync(Authenticator.CodeNow(secret, App.Clock));
                await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
                await page.Locator(".recovery-codes").WaitForAsync();
                break;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The browser tests share one app and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
