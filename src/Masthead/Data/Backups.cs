using System.Diagnostics;
using Masthead.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masthead.Data;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt; [--force]</c>: the whole database in one file. SQLite through its
/// online backup API (a consistent copy while the site serves); PostgreSQL through pg_dump's custom format and
/// pg_restore. Images are in the database; those an older version wrote to &lt;data&gt;/media are copied into it first. The
/// personal-data key is never in the file: it lives outside the database and is backed up apart.
/// </summary>
internal static class Backups
{
    private const int BackupSteps = 3;
    private const int RestoreSteps = 3;

    public static async Task<int> BackupAsync(IServiceProvider services, string file, TextWriter output, TextWriter error, Progress progress, CancellationToken cancellationToken)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file))
        {
            await error.WriteLineAsync($"{file} already exists; a backup never overwrites a file. Choose a new name.");
            return 1;
        }

        if (Path.GetDirectoryName(file) is { } directory && !Directory.Exists(directory))
        {
            await error.WriteLineAsync($"The folder {directory} does not exist.");
            return 1;
        }

        await DataSetup.MigrateAsync(services, cancellationToken);
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        progress.Report("The schema is up to date.", 1, BackupSteps);
        int adopted;
        await using (var scope = services.CreateAsyncScope())
        {
            adopted = await scope.ServiceProvider.GetRequiredService<Articles.CoverImages>().AdoptFolderAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), cancellationToken);
        }

        if (adopted > 0)
        {
            await output.WriteLineAsync($"Copied {adopted} image{(adopted == 1 ? "" : "s")} from the media folder into the database, so that the backup holds {(adopted == 1 ? "it" : "them")}.");
        }


        // Written beside its name and moved there when complete, so a half-written backup never looks like a whole one.
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            if (database.IsPostgres)
            {
                var code = await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={temporary}"], database, error, cancellationToken);
                if (code != 0)
                {
                    return code;
                }
            }
            else
            {
                await using var scope = services.CreateAsyncScope();
                var source = (SqliteConnection)scope.ServiceProvider.GetRequiredService<MastheadDb>().Database.GetDbConnection();
                await source.OpenAsync(cancellationToken);
                using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
                {
                    target.Open();
                    source.BackupDatabase(target);
                }
            }

            progress.Report($"Copied the {(database.IsPostgres ? "PostgreSQL" : "SQLite")} database.", 2, BackupSteps);
            if (!OperatingSystem.IsWindows())
            {
                // It holds encrypted personal data, staff password hashes and the payment history: owner only.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, file);
            progress.Report($"Wrote {file}.", 3, BackupSteps);
        }
        finally
        {
            File.Delete(temporary);
        }

        await output.WriteLineAsync(
            $"Backed up the {(database.IsPostgres ? "PostgreSQL" : "SQLite")} database to {file} ({new FileInfo(file).Length:N0} bytes). " +
            "It does not contain the personal-data key: keep a copy of the key (the keys folder, or Masthead:Privacy:Key) apart from it.");
        return 0;
    }

    public static async Task<int> RestoreAsync(
        IServiceProvider services, string file, bool force, TextWriter output, TextWriter error, Progress progress, CancellationToken cancellationToken)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"There is no file {file}.");
            return 1;
        }

        await DataSetup.MigrateAsync(services, cancellationToken);
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using (var scope = services.CreateAsyncScope())
        {
            var rows = await RowCountAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), cancellationToken);
            if (rows > 0 && !force)
            {
                await error.WriteLineAsync(
                    $"The database is not empty ({rows} rows), so nothing was restored. Restore into a new, empty database, " +
                    "or add --force to replace everything in this one with the backup.");
                return 1;
            }

            progress.Report(rows > 0 ? $"The database has {rows} rows; --force replaces them." : "The database is empty.", 1, RestoreSteps);
        }

        if (database.IsPostgres)
        {
            // --clean: the schema made by the migrations (and, with --force, the data) is replaced by the backup's.
            var code = await RunPostgresToolAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", file], database, error, cancellationToken);
            if (code != 0)
            {
                return code;
            }
        }
        else
        {
            if (!await IsSqliteFileAsync(file))
            {
                await error.WriteLineAsync($"{file} is not a SQLite backup; nothing was restored.");
                return 1;
            }

            await using var scope = services.CreateAsyncScope();
            var target = (SqliteConnection)scope.ServiceProvider.GetRequiredService<MastheadDb>().Database.GetDbConnection();
            await target.OpenAsync(cancellationToken);
            using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                source.Open();
                source.BackupDatabase(target);
            }

            await target.CloseAsync();
            SqliteConnection.ClearAllPools();
        }

        progress.Report($"Restored {Path.GetFileName(file)}.", 2, RestoreSteps);

        // A backup from an older version is brought up to this one's schema.
        await DataSetup.MigrateAsync(services, cancellationToken);
        progress.Report("The schema is up to date.", 3, RestoreSteps);
        await output.WriteLineAsync($"Restored {file} into the {(database.IsPostgres ? "PostgreSQL" : "SQLite")} database. Personal data needs the key it was encrypted with: put the backed-up key in place before starting.");
        return 0;
    }

    /// <summary>Every row in every table of the model (a newsroom with only its first admin counts as not empty).</summary>
    private static async Task<long> RowCountAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            long rows = 0;
            foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                rows += Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> IsSqliteFileAsync(string file)
    {
        var header = new byte[16];
        await using var stream = File.OpenRead(file);
        return await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan().SequenceEqual("SQLite format 3\0"u8);
    }

    private static async Task<int> RunPostgresToolAsync(string tool, string[] arguments, DatabaseOptions database, TextWriter error, CancellationToken cancellationToken)
    {
        if (FindPostgresTool(tool) is not { } path)
        {
            await error.WriteLineAsync(
                $"{tool} was not found on PATH or in /usr/lib/postgresql/*/bin. Install PostgreSQL's client tools " +
                $"(Debian: apt-get install postgresql-client), of the server's version or newer, and try again.");
            return 1;
        }

        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The password goes in the environment, never on the command line where other users could see it.
        start.ArgumentList.Add($"--dbname={Libpq(connection)}");
        start.ArgumentList.Add("--no-password");
        if (connection.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            await error.WriteLineAsync($"{tool} failed (exit code {process.ExitCode}); nothing was completed. It said:");
            await error.WriteLineAsync((await stderr).Trim() + (await stdout).Trim());
            return 1;
        }

        return 0;
    }

    /// <summary>The connection string in libpq's key=value form, without the password.</summary>
    private static string Libpq(NpgsqlConnectionStringBuilder connection)
    {
        static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
        var parts = new List<string>();
        if (connection.Host is { Length: > 0 } host)
        {
            parts.Add($"host={Quote(host)}");
        }

        parts.Add($"port={connection.Port}");
        if (connection.Username is { Length: > 0 } user)
        {
            parts.Add($"user={Quote(user)}");
        }

        if (connection.Database is { Length: > 0 } name)
        {
            parts.Add($"dbname={Quote(name)}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>The newest version in /usr/lib/postgresql (pg_dump must be at least the server's version), else PATH.</summary>
    private static string? FindPostgresTool(string tool)
    {
        const string Versions = "/usr/lib/postgresql";
        if (Directory.Exists(Versions))
        {
            var newest = Directory.GetDirectories(Versions)
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "bin", tool)).FirstOrDefault(File.Exists);
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }
}
