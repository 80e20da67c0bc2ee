using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Masthead.BrowserTests.Infrastructure;

/// <summary>
/// The README's "Run it" as a newcomer does it: a copy of the source tree in a fresh temporary folder (no data, no
/// build output, no settings), started with <c>dotnet run --project src/Masthead</c> from that folder. The only thing
/// chosen for it is the port, passed after <c>--</c>, so tests can run beside anything else on the machine.
/// </summary>
public sealed partial class ReadmeCheckout : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly string[] Skipped = ["bin", "obj", "data", "TestResults", "node_modules", ".git", ".vs"];

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _server;

    private ReadmeCheckout(string root) => Root = root;

    /// <summary>The copy's top folder, where the README's commands are typed.</summary>
    public string Root { get; }

    /// <summary>Where the site answers, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the server printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Copies the source tree that holds these tests into a new temporary folder.</summary>
    public static ReadmeCheckout Copy()
    {
        var source = RepositoryRoot();
        var checkout = new ReadmeCheckout(Directory.CreateTempSubdirectory("masthead-readme-").FullName);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "README.md" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(checkout.Root, file));
        }

        CopyTree(new DirectoryInfo(Path.Combine(source, "src")), Path.Combine(checkout.Root, "src"));
        return checkout;
    }

    /// <summary><c>dotnet run --project src/Masthead</c>, returning once the site answers.</summary>
    public async Task StartAsync()
    {
        Address = new Uri($"http://127.0.0.1:{FreePort()}/");
        _server = Start(["run", "--project", "src/Masthead", "--", "--urls", Address.ToString().TrimEnd('/')], _output);
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"`dotnet run` exited with {_server.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/robots.txt", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Still building or starting.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The site did not answer at {Address} within {StartTimeout}:\n{Output}");
    }

    /// <summary>The admin address and one-time password the first start printed.</summary>
    public (string Email, string Password) PrintedAdmin()
    {
        var email = EmailLine().Match(Output);
        var password = PasswordLine().Match(Output);
        Assert.True(email.Success && password.Success, $"The first start printed no admin account:\n{Output}");
        return (email.Groups[1].Value, password.Groups[1].Value);
    }

    /// <summary>Runs <c>dotnet run --project src/Masthead -- &lt;arguments&gt;</c> to its end; returns what it printed.</summary>
    public async Task<string> RunCommandAsync(params string[] arguments)
    {
        var output = new ConcurrentQueue<string>();
        using var command = Start(["run", "--project", "src/Masthead", "--", .. arguments], output);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await command.WaitForExitAsync(timeout.Token);
        var printed = string.Join('\n', output);
        Assert.True(command.ExitCode == 0, $"`dotnet run -- {string.Join(' ', arguments)}` exited with {command.ExitCode}:\n{printed}");
        return printed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            if (!_server.HasExited)
            {
                // dotnet run starts the site as its child: end both, which this fixture started.
                _server.Kill(entireProcessTree: true);
            }

            await _server.WaitForExitAsync();
            _server.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder; nothing depends on it.
        }
    }

    private Process Start(string[] arguments, ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The newcomer's shell has no Masthead settings; the test runner's may (e.g. the PostgreSQL of ./test.sh).
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("Masthead", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null && output.Count < 5000)
        {
            output.Enqueue(line);
        }
    }

    private static void CopyTree(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(to, file.Name));
        }

        foreach (var directory in from.EnumerateDirectories().Where(d => !Skipped.Contains(d.Name, StringComparer.Ordinal)))
        {
            CopyTree(directory, Path.Combine(to, directory.Name));
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Masthead.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Masthead.slnx not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s*email:\s+(\S+@\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex EmailLine();

    [GeneratedRegex(@"^\s*password:\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PasswordLine();
}
