using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Masthead as a real operating-system process: the built <c>src/Masthead</c> assembly under <c>dotnet</c>, listening on a
/// free 127.0.0.1 port, configured through environment variables. For what an in-memory host cannot show: a process
/// killed with SIGKILL in the middle of its work, and what it left behind on disk.
/// </summary>
/// <remarks>
/// In Production (all but <see cref="StartWithDotnetRunAsync"/>) Masthead needs <c>Masthead:Newsroom:BaseUrl</c> and
/// answers only its host name: unless the settings name one, it is the address the process listens on
/// (<c>http://127.0.0.1</c> for <see cref="RunToExitAsync"/>), so a client or proxy on 127.0.0.1 is answered. A test
/// that wants none sets it to "".
/// </remarks>
public sealed class MastheadProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private MastheadProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <summary>The last lines it wrote, for a failure message.</summary>
    public string OutputTail => string.Join('\n', _output.TakeLast(40));

    /// <summary>
    /// Starts Masthead with <paramref name="settings"/> (configuration keys such as <c>Masthead:DataDirectory</c>, e.g. from
    /// <see cref="MastheadFactory.AppSettings"/>) and returns once it answers HTTP, or throws with its output after 90 s.
    /// </summary>
    public static Task<MastheadProcess> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(settings, BuiltAssembly(), workingDirectory: null);

    /// <summary>
    /// As <see cref="StartAsync(IReadOnlyDictionary{string, string?})"/>, running <paramref name="assembly"/> (e.g. a published
    /// Masthead.dll) from <paramref name="workingDirectory"/> (by default the assembly's own folder).
    /// </summary>
    public static Task<MastheadProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string assembly, string? workingDirectory) =>
        StartAsync(settings, [assembly], workingDirectory ?? Path.GetDirectoryName(assembly)!, production: true);

    /// <summary>
    /// <c>dotnet run --project src/Masthead</c> as the README says (its launch profile: Development, no log levels
    /// changed here), with the tests' build (<c>--no-build</c>), from <paramref name="workingDirectory"/>.
    /// </summary>
    public static Task<MastheadProcess> StartWithDotnetRunAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory)
    {
        var built = new FileInfo(BuiltAssembly());
        var project = built.Directory!.Parent!.Parent!.Parent!.FullName;
        return StartAsync(settings, ["run", "--project", project, "-c", built.Directory.Parent.Name, "--no-build", "--"], workingDirectory, production: false);
    }

    private static async Task<MastheadProcess> StartAsync(
        IReadOnlyDictionary<string, string?> settings, string[] dotnetArguments, string workingDirectory, bool production)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var process = new Process { StartInfo = StartInfo(settings, [.. dotnetArguments, "--urls", address.ToString().TrimEnd('/')], workingDirectory, production ? address.ToString().TrimEnd('/') : null) };
        var started = new MastheadProcess(process, address);
        process.OutputDataReceived += (_, line) => started.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => started.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilAnsweringAsync();
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }

        return started;
    }

    /// <summary>
    /// Starts one process per entry of <paramref name="nodes"/> at the same moment, as several app nodes on one database;
    /// if any fails to start, stops the others and throws its failure.
    /// </summary>
    public static async Task<MastheadProcess[]> StartTogetherAsync(params IReadOnlyDictionary<string, string?>[] nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var starting = nodes.Select(StartAsync).ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var node in starting)
            {
                try
                {
                    await (await node).DisposeAsync();
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
                {
                    // This one failed to start and has stopped already.
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Runs Masthead with <paramref name="settings"/> and <paramref name="arguments"/> (e.g. <c>["migrate"]</c>, or
    /// <c>["--urls", "http://127.0.0.1:5"]</c> to serve) until it exits by itself, and returns its exit code and what it
    /// wrote. One that is still running after <paramref name="timeout"/> (by default 60 s) is killed and the test fails.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(
        IReadOnlyDictionary<string, string?> settings, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(arguments);
        var assembly = BuiltAssembly();
        using var process = new Process { StartInfo = StartInfo(settings, [assembly, .. arguments], Path.GetDirectoryName(assembly)!, productionBaseUrl: "http://127.0.0.1") };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            Assert.Fail($"Masthead {string.Join(' ', arguments)} was still running after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Kills this process (by its own handle, with its children: under <c>dotnet run</c> the app is one) with SIGKILL:
    /// no shutdown code of its own runs.
    /// </summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"Masthead (PID {_process.Id}) did not exit within 30 s of SIGKILL.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Masthead exited with code {_process.ExitCode} while starting:\n{OutputTail}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Masthead did not answer at {Address} within {StartTimeout.TotalSeconds} s:\n{OutputTail}");
    }

    /// <summary>The process's start; <paramref name="productionBaseUrl"/> null: Development (as the launch profile says), else Production with that base address unless the settings name one.</summary>
    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings, IEnumerable<string> arguments, string workingDirectory, string? productionBaseUrl)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (productionBaseUrl is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Masthead__Newsroom__BaseUrl"] = productionBaseUrl;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        return start;
    }

    /// <summary>src/Masthead's build output in the configuration these tests were built in (the test project references it, so it is built).</summary>
    public static string BuiltAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var assembly = Path.Combine(Repository.Root, "src", "Masthead", "bin", configuration, framework, "Masthead.dll");
        return File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException($"The built Masthead assembly was not found (looked for src/Masthead/bin/{configuration}/{framework}/Masthead.dll above {testOutput.FullName}).");
    }

    /// <summary>A loopback port nothing listens on (at the moment of asking).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
