using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Masthead.Tests.Unit;

/// <summary>
/// Web/ and Email/ are infrastructure every feature builds on; a feature reaching back into them (a cache that knows
/// about supporters, a mail job that knows about receipts) is what this keeps out. Newsroom (the newsroom's own
/// settings) and Data (whose DbContext lists every entity set) may be read by all.
/// </summary>
public sealed class FeatureBoundaryTests
{
    private static readonly string[] Features =
    [
        "Masthead.Appeals", "Masthead.Articles", "Masthead.Audit", "Masthead.Contributions", "Masthead.Payments", "Masthead.Privacy", "Masthead.Revenue", "Masthead.Search", "Masthead.SitePages", "Masthead.Staff", "Masthead.Newsletters",
    ];

    [Theory]
    [InlineData("Masthead.Web")]
    [InlineData("Masthead.Email")]
    public void Infrastructure_uses_no_feature(string infrastructure)
    {
        var types = Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespaceMatching($"^{Regex.Escape(infrastructure)}(\\.|$)");
        Assert.NotEmpty(types.GetTypes());

        var result = types.ShouldNot().HaveDependencyOnAny(Features).GetResult();

        Assert.True(result.IsSuccessful, $"{infrastructure} uses a feature in: {string.Join("; ", result.FailingTypes.Select(type => type.FullName + " " + type.Explanation))}");
    }

    [Fact]
    public void The_check_sees_a_use_inside_a_method_body()
    {
        // A feature used only inside a method, as the mail job once used the receipts, must be caught too, or the
        // test above would pass on a signature-only reading.
        var result = Types.InAssembly(typeof(FeatureBoundaryTests).Assembly).That().HaveName(nameof(UsesAnAppealInsideAMethod))
            .ShouldNot().HaveDependencyOnAny(Features).GetResult();

        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void Every_page_sits_in_its_feature_folder()
    {
        var leftovers = Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespaceMatching(@"^Masthead\.Pages(\.|$)").GetTypes();

        Assert.Empty(leftovers);
    }
}

/// <summary>The control for <see cref="FeatureBoundaryTests"/>: names a feature's type only inside a method body.</summary>
internal static class UsesAnAppealInsideAMethod
{
    public static string Name() => typeof(Masthead.Appeals.Appeal).Name;
}
