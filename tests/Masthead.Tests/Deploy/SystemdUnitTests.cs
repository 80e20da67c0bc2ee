using System.Diagnostics;

namespace Masthead.Tests.Deploy;

/// <summary>
/// deploy/masthead.service as systemd reads it. The unit cannot run here (no systemd as PID 1, no masthead user),
/// but <c>systemd-analyze verify</c> parses every line and checks its values.
/// </summary>
public sealed class SystemdUnitTests
{
    private const string Analyzer = "/usr/bin/systemd-analyze";
    private const string ShippedDotnet = "/usr/bin/dotnet";

    [Fact]
    public async Task The_shipped_unit_passes_systemd_analyze_verify_with_no_complaint()
    {
        Assert.True(File.Exists(Analyzer), $"{Analyzer} is missing: install Debian's systemd package (./test.sh does).");
        var unit = await File.ReadAllTextAsync(Path.Combine(PublishedMasthead.RepositoryRoot(), "deploy", "masthead.service"));
        Assert.Contains($"ExecStart={ShippedDotnet} /opt/masthead/Masthead.dll", unit, StringComparison.Ordinal);
        foreach (var line in new[] { "User=masthead", "WorkingDirectory=/opt/masthead", "EnvironmentFile=/etc/masthead/masthead.env",
            "ProtectSystem=strict", "ReadWritePaths=/var/lib/masthead", "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectHome=yes" })
        {
            Assert.Contains(line, unit.Split('\n'));
        }

        // verify refuses an ExecStart whose program does not exist. Where dotnet lives elsewhere (or nowhere), the copy
        // verified names the dotnet running these tests instead; everything else is the shipped file, byte for byte.
        var dotnet = File.Exists(ShippedDotnet) ? ShippedDotnet : Environment.ProcessPath ?? ShippedDotnet;
        var directory = Directory.CreateTempSubdirectory("masthead-unit-");
        try
        {
            var copy = Path.Combine(directory.FullName, "masthead.service");
            await File.WriteAllTextAsync(copy, unit.Replace($"ExecStart={ShippedDotnet} ", $"ExecStart={dotnet} ", StringComparison.Ordinal));

            var (exitCode, output) = await RunAsync(Analyzer, "verify", copy);

            // verify exits 0 on a misspelt key or a bad value, only warning: the unit passes when nothing is said at all.
            Assert.True(exitCode == 0 && output.Length == 0, $"systemd-analyze verify exited {exitCode}:\n{output}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, ((await output) + (await error)).Trim());
    }
}
