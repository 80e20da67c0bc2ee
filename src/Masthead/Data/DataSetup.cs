using Masthead.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Data;

public static class DataSetup
{
    /// <summary>Registers <see cref="MastheadDb"/> on the configured provider.</summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DatabaseOptions>("Masthead:Database");
        services.AddSettingKeys(MastheadPaths.DataDirectorySetting);
        var options = configuration.GetSection("Masthead:Database").Get<DatabaseOptions>() ?? new();
        if (options.IsPostgres)
        {
            services.AddDbContextPool<PostgresMastheadDb>(db => db.UseNpgsql(options.ConnectionString));
            services.AddScoped<MastheadDb>(sp => sp.GetRequiredService<PostgresMastheadDb>());
        }
        else
        {
            // Read when the first context is made, after the start's checks, so a bad value is refused with a sentence.
            services.AddDbContextPool<SqliteMastheadDb>(db => db.UseSqlite(SqliteConnectionString(options.ConnectionString, MastheadPaths.DataDirectory(configuration))));
            services.AddScoped<MastheadDb>(sp => sp.GetRequiredService<SqliteMastheadDb>());
        }

        return services;
    }

    /// <summary>
    /// What every start does before serving, under <see cref="StartLock"/> so that nodes starting together do it once:
    /// brings the schema up to date, then runs <paramref name="steps"/> in order (the first admin, the demo seed), each
    /// of which looks before it writes and so does nothing on a node that was second.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, params Func<IServiceProvider, Task>[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var dataDirectory = MastheadPaths.DataDirectory(services.GetRequiredService<IConfiguration>());
        await using var held = await StartLock.TakeAsync(database, dataDirectory, CancellationToken.None);
        await MigrateAsync(services);
        foreach (var step in steps)
        {
            await step(services);
        }
    }

    /// <summary>Brings the schema up to date; run at every start so an upgrade needs no extra step.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var sqliteFile = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
            ? null
            : new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        CreatePrivately(sqliteFile);

        // Opened first so a database that does not exist is refused (PostgreSQL's 3D000) instead of created by the
        // migrations: a misspelt name must not quietly become an empty newsroom with a new first admin.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (sqliteFile is not null)
            {
                // WAL lets readers carry on while an editor saves; the setting lives in the file, so once is enough.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                KeepPrivate(sqliteFile, $"{sqliteFile}-wal", $"{sqliteFile}-shm");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Makes a new SQLite file empty (SQLite takes an empty file as an empty database) and mode 0600 from the start,
    /// before SQLite would make it with the umask's 0644; the WAL and shared-memory files take the database file's mode.
    /// </summary>
    private static void CreatePrivately(string? file)
    {
        if (file is null or "" or ":memory:" || File.Exists(file) || OperatingSystem.IsWindows())
        {
            return;
        }

        using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = MastheadPaths.PrivateFileMode });
    }

    /// <summary>Narrows files made by an older version (0644) to 0600.</summary>
    private static void KeepPrivate(params string?[] files)
    {
        foreach (var file in files)
        {
            try
            {
                if (file is { Length: > 0 } && File.Exists(file) && !OperatingSystem.IsWindows()
                    && (File.GetUnixFileMode(file) & ~MastheadPaths.PrivateFileMode) != 0)
                {
                    File.SetUnixFileMode(file, MastheadPaths.PrivateFileMode);
                }
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                // Owned by another user (made by root running a command, say): theirs to narrow; the site still runs.
            }
        }
    }

    private static string SqliteConnectionString(string configured, string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = Path.Combine(dataDirectory, "masthead.db");
        }

        // Wait for a busy writer rather than fail at once (unless the connection string says how long).
        if (!builder.ContainsKey("Default Timeout"))
        {
            builder.DefaultTimeout = 30;
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
