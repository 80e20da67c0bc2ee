using System.Text.RegularExpressions;
using Masthead.Operations;
using Masthead.Settings;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Unit;

public sealed partial class SettingsTests
{
    [Theory]
    [InlineData("Masthead:Newsroom:Timezone", true)]
    [InlineData("Masthead:Contributions:Currencies:EUR:MonthlyMinimum", true)]
    [InlineData("Masthead:Contributions:Currencies:EUR:MonthlySuggested:2", true)]
    [InlineData("Masthead:Proxy:KnownProxies:0", true)]
    [InlineData("Masthead:Email:Smtp:Host", true)]
    [InlineData("Masthead:Email:Smtp:Hots", false)]
    [InlineData("Masthead:Newsroom", false)]
    [InlineData("Masthead:Newsroom:Zone", false)]
    public async Task Known_keys_come_from_the_options_classes_in_any_case(string key, bool known)
    {
        await using var factory = new SqliteFactory();

        Assert.Equal(known, factory.Services.GetRequiredService<KnownSettings>().IsKnown(key));
    }

    [Theory]
    [InlineData("Masthead:Newsroom:TimeZon", "Masthead:Newsroom:TimeZone")]
    [InlineData("Masthead:Payment:Provider", "Masthead:Payments:Provider")]
    [InlineData("Masthead:Stripe:Secretkey", "Masthead:Stripe:SecretKey")]
    [InlineData("Masthead:Contributions:Currencies:GBP:AnualMinimum", "Masthead:Contributions:Currencies:GBP:AnnualMinimum")]
    [InlineData("Masthead:DataDir", "Masthead:DataDirectory")]
    public async Task A_misspelt_key_is_matched_to_the_nearest_known_one(string typed, string nearest)
    {
        await using var factory = new SqliteFactory();

        Assert.Equal(nearest, factory.Services.GetRequiredService<KnownSettings>().Nearest(typed));
    }

    [Fact]
    public async Task Every_setting_in_the_readme_and_in_appsettings_is_a_known_key()
    {
        await using var factory = new SqliteFactory();
        var known = factory.Services.GetRequiredService<KnownSettings>();
        var root = Repository.Root;
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var appsettings = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "src", "Masthead", "appsettings.json")).Build();

        var named = SettingName().Matches(readme).Select(m => m.Value.TrimEnd(':', '.'))
            .Concat(appsettings.GetSection("Masthead").AsEnumerable().Where(p => p.Value is not null).Select(p => p.Key))
            .Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, key => Assert.True(known.IsKnown(key) || known.Keys.Any(k => k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)),
            $"{key} is named as a setting but no options class or AddSettingKeys reads it."));
    }

    [Fact]
    public void Progress_draws_one_bar_on_a_terminal_and_writes_one_line_per_step_otherwise()
    {
        using var redirected = new StringWriter();
        using var terminal = new StringWriter();

        foreach (var progress in new[] { new Progress(redirected, terminal: false), new Progress(terminal, terminal: true) })
        {
            progress.Report("articles saved", 2_000, 4_000);
            progress.Report("articles saved", 4_000, 4_000);
        }

        Assert.Equal(["[2,000/4,000] articles saved", "[4,000/4,000] articles saved"], redirected.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        var drawn = terminal.ToString();
        Assert.Contains("\r[###############---------------]  50% articles saved (2,000/4,000)", drawn, StringComparison.Ordinal);
        Assert.EndsWith("] 100% articles saved (4,000/4,000)\u001b[K" + Environment.NewLine, drawn, StringComparison.Ordinal);
        Assert.Single(drawn.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    // `Masthead:Section:Key` in backticks, as the README writes settings (environment-variable spellings aside).
    [GeneratedRegex(@"(?<=`)Masthead:[A-Za-z:]+(?=`)")]
    private static partial Regex SettingName();
}
