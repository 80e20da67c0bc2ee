using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>
/// The README's first run, word for word, on a fresh copy of the tree with no settings: the first start prints a
/// one-time password; the newcomer signs in, chooses a password, sets up two-factor sign-in from the key on the page,
/// keeps the recovery codes, reaches the admin and publishes. Then the same for colleagues made with
/// <c>create-staff</c>, as the README's Commands section shows.
/// </summary>
public sealed partial class FirstRunJourneyTests(FirstRunJourneyTests.Newcomer newcomer) : IClassFixture<FirstRunJourneyTests.Newcomer>
{
    [Fact]
    public async Task A_newcomer_following_the_README_signs_in_with_the_printed_password_sets_up_two_factor_and_publishes()
    {
        var (email, password) = newcomer.Checkout.PrintedAdmin();
        Assert.Equal("admin@masthead.local", email);
        var page = await newcomer.NewPageAsync();

        await SignInAsync(page, email, password);
        await ChoosePasswordAsync(page, password);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/account/two-factor$"));
        var secret = Totp.FromBase32(await page.Locator(".totp-secret").TextContentAsync())!;
        await page.GetByLabel("Code from the app").FillAsync(Authenticator.CodeNow(secret, TimeProvider.System));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".recovery-codes li")).ToHaveCountAsync(TwoFactor.RecoveryCodeCount);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the admin" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await PublishAsync(page, "First words from a new newsroom");
    }

    [Fact]
    public async Task An_editor_made_with_create_staff_signs_in_with_the_printed_password_and_publishes()
    {
        var password = await CreateStaffAsync("jane@example.org", "Editor", "Jane Doe");
        var page = await newcomer.NewPageAsync();

        await SignInAsync(page, "jane@example.org", password);
        await ChoosePasswordAsync(page, password);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await PublishAsync(page, "An editor's first story");
    }

    [Fact]
    public async Task A_writer_made_with_create_staff_signs_in_with_the_printed_password_and_saves_a_draft()
    {
        var password = await CreateStaffAsync("sam@example.org", "Writer", "Sam Writer");
        var page = await newcomer.NewPageAsync();

        await SignInAsync(page, "sam@example.org", password);
        await ChoosePasswordAsync(page, password);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).First.ClickAsync();
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("A writer's first draft");
        await page.GetByLabel("Body").FillAsync("Notes from the council meeting.");
        await page.GetByLabel("Daria Lebedeva").CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish now" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
    }

    private async Task<string> CreateStaffAsync(string email, string role, string name)
    {
        var printed = await newcomer.Checkout.RunCommandAsync("create-staff", email, role, name);
        var password = OneTimePassword().Match(printed);
        Assert.True(password.Success, $"create-staff printed no one-time password:\n{printed}");
        return password.Groups[1].Value;
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/admin/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);

        // As long as a person takes to type: the sign-in form shows itself again to a post faster than a person's
        // (Masthead:FormTiming:MinimumFillTime, 2 s), and the newcomer has the production defaults.
        await page.WaitForTimeoutAsync(2500);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task ChoosePasswordAsync(IPage page, string oneTimePassword)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/password$"));
        await page.GetByLabel("Current password").FillAsync(oneTimePassword);
        await page.GetByLabel("New password (at least 12 characters)").FillAsync("a newsroom of our own");
        await page.GetByLabel("New password again").FillAsync("a newsroom of our own");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
    }

    private async Task PublishAsync(IPage page, string headline)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).First.ClickAsync();
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync(headline);
        await page.GetByLabel("Body").FillAsync("The newsroom opened its doors today.");
        await page.GetByLabel("Daria Lebedeva").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        var reader = await newcomer.NewPageAsync();
        await reader.GotoAsync("/");
        await reader.GetByRole(AriaRole.Link, new() { Name = headline }).ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(headline);
    }

    [GeneratedRegex(@"one-time password:?\s+(\S+?)[\s.,;)]")]
    private static partial Regex OneTimePassword();

    /// <summary>One fresh copy of the tree started as the README says, and one Chromium, for the tests of this class.</summary>
    public sealed class Newcomer : IAsyncLifetime
    {
        private readonly List<IBrowserContext> _contexts = [];
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public ReadmeCheckout Checkout { get; } = ReadmeCheckout.Copy();

        public async Task InitializeAsync()
        {
            await Checkout.StartAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = BrowserFixture.ChromiumArgs });
        }

        /// <summary>A page in a browser context of its own (its own cookies) whose relative URLs go to the site.</summary>
        public async Task<IPage> NewPageAsync()
        {
            var context = await _browser!.NewContextAsync(new() { BaseURL = Checkout.Address.ToString(), Locale = "en-GB" });
            _contexts.Add(context);
            return await context.NewPageAsync();
        }

        public async Task DisposeAsync()
        {
            foreach (var context in _contexts)
            {
                await context.DisposeAsync();
            }

            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
            await Checkout.DisposeAsync();
        }
    }
}
