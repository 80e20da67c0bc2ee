using System.Diagnostics;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Deploy;

/// <summary>
/// <c>dotnet publish src/Masthead</c> into a temporary folder, once per test run (from the build the tests run on,
/// so it takes seconds, not a rebuild), as an operator would before copying the output to a server.
/// The folder is removed when the test process exits.
/// </summary>
public static class PublishedMasthead
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The published Masthead.dll.</summary>
    public static Task<string> AssemblyAsync() => Published.Value;

    /// <summary>The repository's root: the folder holding Masthead.slnx.</summary>
    public static string RepositoryRoot()
    {
        var built = new FileInfo(MastheadProcess.BuiltAssembly());
        // <root>/src/Masthead/bin/<configuration>/<framework>/Masthead.dll
        return built.Directory!.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
    }

    private static async Task<string> PublishAsync()
    {
        var built = new FileInfo(MastheadProcess.BuiltAssembly());
        var configuration = built.Directory!.Parent!.Name;
        var output = Directory.CreateTempSubdirectory("masthead-published-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp directory; nothing depends on it.
            }
        };

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(RepositoryRoot(), "src", "Masthead", "Masthead.csproj"),
            "-c", configuration, "--no-build", "--nologo", "-v", "quiet", "-o", output,
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout.TotalMinutes} minutes.");
        }

        var assembly = Path.Combine(output, "Masthead.dll");
        return process.ExitCode == 0 && File.Exists(assembly)
            ? assembly
            : throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
