using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// How a test configures a Masthead it starts, for <c>MastheadFactory</c> and the browser tests' factory alike
/// (Masthead.BrowserTests links this file): its own data directory and database, the first admin, the bot defences
/// relaxed unless asked otherwise, the test's own settings last, and the test's clock.
/// </summary>
public static class TestApp
{
    /// <summary>
    /// The settings that relax the bot defences for tests that are not about them: every form may be posted as soon as
    /// it is fetched, and the per-address and per-mailbox rate limits are out of reach, since every test client shares
    /// one address and one clock that only moves when a test moves it (and in Chromium, stands still while it types).
    /// </summary>
    public static IReadOnlyDictionary<string, string> RelaxedBotDefences { get; } = new Dictionary<string, string>
    {
        ["Masthead:FormTiming:MinimumFillTime"] = "00:00:00",
        ["Masthead:RateLimits:SignIn:Permits"] = "1000000",
        ["Masthead:RateLimits:Support:Permits"] = "1000000",
        ["Masthead:RateLimits:Remind:Permits"] = "1000000",
        ["Masthead:RateLimits:Restore:Permits"] = "1000000",
        ["Masthead:RateLimits:RemindPerEmail:Permits"] = "1000000",
        ["Masthead:RateLimits:RestorePerEmail:Permits"] = "1000000",
        ["Masthead:RateLimits:Newsletter:Permits"] = "1000000",
        ["Masthead:RateLimits:NewsletterPerEmail:Permits"] = "1000000",
        ["Masthead:RateLimits:SavesPerStaffMember:Permits"] = "1000000",
        ["Masthead:Search:PerAddress:Permits"] = "1000000",
    };

    /// <summary>The configuration of an app on <paramref name="dataDirectory"/>; <paramref name="more"/> comes last, so a test's own settings win.</summary>
    public static Dictionary<string, string?> Settings(
        string dataDirectory, string databaseProvider, string connectionString, bool seedDemo, (string Email, string Password) admin,
        bool relaxBotDefences, IEnumerable<KeyValuePair<string, string?>> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var settings = new Dictionary<string, string?>
        {
            ["Masthead:DataDirectory"] = dataDirectory,
            ["Masthead:Database:Provider"] = databaseProvider,
            ["Masthead:Database:ConnectionString"] = connectionString,
            ["Masthead:Newsroom:SeedDemo"] = seedDemo ? "true" : "false",
            ["Masthead:Admin:Email"] = admin.Email,
            ["Masthead:Admin:Password"] = admin.Password,
        };
        if (relaxBotDefences)
        {
            foreach (var (key, value) in RelaxedBotDefences)
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Gives the app <paramref name="settings"/> and <paramref name="clock"/> as its <see cref="TimeProvider"/>. Host
    /// settings (UseSetting), not ConfigureAppConfiguration: they reach the app before Program reads
    /// builder.Configuration (AddData picks the provider while registering services).
    /// </summary>
    public static void Configure(IWebHostBuilder builder, IReadOnlyDictionary<string, string?> settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
        });
    }
}
