using System.Globalization;

namespace Masthead.Tests.Infrastructure.Services;

/// <summary>
/// A throwaway PostgreSQL cluster, made as ./test.sh used to make it: Debian's newest initdb, run as the postgres user when
/// we are root (initdb refuses root), trust auth, fsync off, 127.0.0.1 only, its socket in its own temp directory, on a
/// free port. Disposing stops it (pg_ctl stop on its own data directory) and removes its files.
/// </summary>
internal sealed class ThrowawayPostgres : ThrowawayService
{
    private readonly string _bin;

    private ThrowawayPostgres(string bin, string directory, int port)
        : base(directory)
    {
        _bin = bin;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres");
    }

    /// <summary>The cluster's connection string, without a database name.</summary>
    public string ConnectionString { get; }

    private string Data => Path.Combine(TempDirectory, "data");

    /// <summary>Makes and starts a cluster, trying up to five ports; throws with its log if it cannot.</summary>
    public static ThrowawayPostgres Start()
    {
        var initdb = FindInitdb() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb), so the PostgreSQL tests cannot run. " +
            $"Install Debian's postgresql package, or set {TestServices.PostgresVariable} to a server's connection string.");
        var bin = Path.GetDirectoryName(initdb)!;
        var directory = Directory.CreateTempSubdirectory("masthead-pg.").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            ServiceProcess.Run(Path.Combine(directory, "chown.log"), TimeSpan.FromSeconds(30), "chown", "postgres:", directory);
        }

        var initLog = Path.Combine(directory, "initdb.log");
        if (AsPostgres(initLog, TimeSpan.FromSeconds(120), initdb,
                "-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8") != 0)
        {
            var tail = ServiceProcess.Tail(initLog);
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"initdb failed for the test PostgreSQL cluster:\n{tail}");
        }

        var log = Path.Combine(directory, "postgres.log");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var cluster = new ThrowawayPostgres(bin, directory, ServiceProcess.FreePort());
            var port = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
            if (AsPostgres(Path.Combine(directory, "pg_ctl.log"), TimeSpan.FromSeconds(90), Path.Combine(bin, "pg_ctl"),
                    "-D", cluster.Data, "-l", log, "-w", "-t", "60",
                    "-o", string.Create(CultureInfo.InvariantCulture,
                        $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"),
                    "start") == 0)
            {
                return cluster;
            }

            cluster.Stop();
        }

        var failure = ServiceProcess.Tail(log);
        Directory.Delete(directory, recursive: true);
        throw new InvalidOperationException($"Could not start the test PostgreSQL cluster (five ports tried):\n{failure}");
    }

    protected override void Stop()
    {
        if (!File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            return;
        }

        var log = Path.Combine(TempDirectory, "pg_ctl.log");
        if (AsPostgres(log, TimeSpan.FromSeconds(40), Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "fast", "-w", "-t", "30", "stop") != 0)
        {
            AsPostgres(log, TimeSpan.FromSeconds(40), Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "-t", "30", "stop");
        }
    }

    private static string? FindInitdb() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(version => Path.Combine(version, "bin", "initdb"))
            .Where(File.Exists)
            .OrderBy(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var major) ? major : 0)
            .LastOrDefault();

    // As the postgres user when we are root, as ourselves otherwise.
    private static int AsPostgres(string log, TimeSpan timeout, string command, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? ServiceProcess.Run(log, timeout, "runuser", ["-u", "postgres", "--", command, .. arguments])
            : ServiceProcess.Run(log, timeout, command, arguments);
}
