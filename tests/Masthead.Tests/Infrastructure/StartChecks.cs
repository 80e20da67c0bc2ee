using Masthead.Operations;

namespace Masthead.Tests.Infrastructure;

/// <summary>The checks every Masthead command runs before it writes anything (<see cref="MastheadStart"/>), on a factory's app.</summary>
public static class StartChecks
{
    /// <summary>
    /// What the start says when it refuses the factory's settings, asserting that it does refuse (exit code 3). The
    /// in-memory host has no exit code: a refused app is built but never started, and its checks are run again here.
    /// </summary>
    public static string Refusal(MastheadFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var error = new StringWriter();
        var exitCode = MastheadStart.Check(factory.Services, error, serving: false);
        Assert.True(exitCode == ExitCodes.BadSetting, $"The start was not refused (exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {error}");
        return error.ToString();
    }
}
