using System.Diagnostics;
using System.Globalization;

namespace Masthead.Tests.Infrastructure.Services;

/// <summary>
/// smtp4dev (the repository's local dotnet tool) on free loopback ports with an in-memory store, started as ./test.sh
/// used to start it: in a process group of its own (<c>dotnet tool run</c> starts the server as a child), IMAP and POP3
/// off. Disposing ends that process group and removes its files.
/// </summary>
internal sealed class ThrowawaySmtp4dev : ThrowawayService
{
    private readonly Process _process;

    private ThrowawaySmtp4dev(Process process, string directory, int smtp, int web)
        : base(directory)
    {
        _process = process;
        Smtp = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{smtp}");
        Api = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{web}");
    }

    /// <summary>host:port for SMTP.</summary>
    public string Smtp { get; }

    /// <summary>The web API's address.</summary>
    public string Api { get; }

    /// <summary>Starts smtp4dev and waits (up to a minute) until both ports accept, trying three times; throws with its log if it cannot.</summary>
    public static ThrowawaySmtp4dev Start()
    {
        var root = RepositoryRoot();
        var directory = Directory.CreateTempSubdirectory("masthead-smtp.").FullName;
        var log = Path.Combine(directory, "smtp4dev.log");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (web, smtp) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
            if (web == smtp)
            {
                continue;
            }

            // setsid: the server leads a new process group, whose id is its PID, so Dispose ends the tool's children too.
            var process = ServiceProcess.Start(log, "setsid", [
                "dotnet", "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{web}", $"--smtpport={smtp}",
                "--bindaddress=127.0.0.1", "--imapport=", "--pop3port=", "--db=", "--hostname=localhost", "--nousersettings",
                $"--baseappdatapath={directory}", "--messagestokeep=1000"], root);
            var server = new ThrowawaySmtp4dev(process, directory, smtp, web);
            for (var tries = 0; tries < 120 && !process.HasExited; tries++)
            {
                if (ServiceProcess.Accepts(smtp) && ServiceProcess.Accepts(web))
                {
                    return server;
                }

                Thread.Sleep(500);
            }

            server.Stop();
        }

        var failure = ServiceProcess.Tail(log);
        Directory.Delete(directory, recursive: true);
        throw new InvalidOperationException($"Could not start smtp4dev (dotnet tool run smtp4dev in {root}; three tries):\n{failure}");
    }

    // TERM to the process group this server leads, up to 10 s to go, then KILL.
    protected override void Stop()
    {
        var group = "-" + _process.Id.ToString(CultureInfo.InvariantCulture);
        var log = Path.Combine(TempDirectory, "kill.log");
        ServiceProcess.Run(log, TimeSpan.FromSeconds(10), "kill", "-TERM", "--", group);
        for (var tries = 0; tries < 40 && ServiceProcess.Run(log, TimeSpan.FromSeconds(10), "kill", "-0", "--", group) == 0; tries++)
        {
            Thread.Sleep(250);
        }

        ServiceProcess.Run(log, TimeSpan.FromSeconds(10), "kill", "-KILL", "--", group);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    // Where dotnet-tools.json is, so `dotnet tool run` finds smtp4dev.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "dotnet-tools.json")) ||
                File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No dotnet-tools.json above {AppContext.BaseDirectory}, so smtp4dev cannot be started.");
    }
}
