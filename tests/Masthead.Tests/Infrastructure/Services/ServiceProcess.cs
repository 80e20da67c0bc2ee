using System.Diagnostics;
using System.Net.Sockets;

namespace Masthead.Tests.Infrastructure.Services;

/// <summary>Runs the commands that start and stop the test services, each bounded in time, its output in a log file.</summary>
internal static class ServiceProcess
{
    /// <summary>Runs <paramref name="command"/> to its end (at most <paramref name="timeout"/>), its output appended to <paramref name="log"/>; returns its exit code.</summary>
    public static int Run(string log, TimeSpan timeout, string command, params string[] arguments)
    {
        using var process = Start(log, command, arguments);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return -1;
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Starts <paramref name="command"/> with its output appended to <paramref name="log"/>, through a shell that
    /// replaces itself with the command, so the process started is the command's (no pipes to drain).
    /// </summary>
    public static Process Start(string log, string command, IEnumerable<string> arguments, string workingDirectory = "/")
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(log);
        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now (the system picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The end of a log file, for an error message.</summary>
    public static string Tail(string log) =>
        File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no log)";
}
