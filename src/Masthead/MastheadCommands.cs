using System.Diagnostics;
using System.Globalization;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Privacy;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The command line: <c>serve</c> (the default), <c>migrate</c>, <c>create-staff</c>, <c>seed-corpus</c>,
/// <c>rotate-key</c>, <c>backup</c>, <c>restore</c>.
/// </summary>
internal static class MastheadCommands
{
    /// <summary>Runs a command given on the command line; false means "no command: serve the site".</summary>
    public static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        if (await RunAsync(app.Services, args, Console.Out, Console.Error) is not { } exitCode)
        {
            return false;
        }

        Environment.ExitCode = exitCode;
        return true;
    }

    /// <summary>Runs the command on a built app's services; null when <paramref name="args"/> names none: serve the site.</summary>
    internal static async Task<int?> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        // Only the first argument can name a command; the rest are options such as --urls.
        var command = args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=') ? first : null;
        switch (command)
        {
            case null or "serve":
                return null;
            case "migrate":
                await DataSetup.MigrateAsync(services);
                await output.WriteLineAsync("The database is up to date.");
                return 0;
            case "create-staff":
                return await CreateStaffAsync(services, args, output, error);
            case "seed-corpus":
                return await SeedCorpusAsync(services, args, output, error);
            case "rotate-key":
                return await KeyRotation.RunAsync(services, args[1..], output, error, CancellationToken.None);
            case "backup":
                return await Backups.BackupAsync(services, args[1..], output, error, CancellationToken.None);
            case "restore":
                return await Backups.RestoreAsync(services, args[1..], output, error, CancellationToken.None);
            default:
                await error.WriteLineAsync($"Unknown command \"{command}\". Commands: serve (default), migrate, create-staff <email> <Writer|Editor|Admin> [display name], " +
                    $"{SeedCorpusUsage}, {KeyRotation.Usage}, {Backups.BackupUsage}, {Backups.RestoreUsage}.");
                return 2;
        }
    }

    private static async Task<int> CreateStaffAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var rest = args.SkipWhile(a => a != "create-staff").Skip(1).ToArray();
        if (rest.Length < 2 || !Enum.TryParse<StaffRole>(rest[1], ignoreCase: true, out var role) || !rest[0].Contains('@'))
        {
            await error.WriteLineAsync("Usage: create-staff <email> <Writer|Editor|Admin> [display name]");
            return 2;
        }

        await DataSetup.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var email = rest[0].Trim().ToLowerInvariant();
        if (await db.Staff.AnyAsync(s => s.Email == email))
        {
            await error.WriteLineAsync($"{email} already has an account.");
            return 1;
        }

        var password = StaffSetup.GeneratePassword();
        var staff = new StaffMember { Email = email, DisplayName = rest.Length > 2 ? string.Join(' ', rest[2..]) : email, Role = role };
        scope.ServiceProvider.GetRequiredService<StaffSignIn>().SetPassword(staff, password);
        staff.MustChangePassword = true;
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Staff.Add(staff);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AuditLog>().RecordCommandLine(AuditActions.StaffCreated, AuditLog.Staff(staff.Id), $"role {role}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await output.WriteLineAsync($"Created {role} {email} with one-time password {password} (to be changed at first sign-in).");
        return 0;
    }

    private const string SeedCorpusUsage = "seed-corpus <count> [--slugs <file>] [--seed <number>]";

    /// <summary>Fills a fresh database with a benchmark corpus (see <see cref="BenchCorpus"/>).</summary>
    private static async Task<int> SeedCorpusAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var rest = args.SkipWhile(a => a != "seed-corpus").Skip(1).ToArray();
        string? Option(string name) => Array.IndexOf(rest, name) is var at and >= 0 && at + 1 < rest.Length ? rest[at + 1] : null;
        var seed = BenchCorpus.DefaultSeed;
        if (rest is not [var countText, ..] || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || (Option("--seed") is { } seedText && !int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed)))
        {
            await error.WriteLineAsync($"Usage: {SeedCorpusUsage}");
            return 2;
        }

        await DataSetup.MigrateAsync(services);
        var timer = Stopwatch.StartNew();
        await using var slugs = Option("--slugs") is { } path ? new StreamWriter(path) : null;
        if (!await BenchCorpus.SeedAsync(services, count, slugs, seed))
        {
            await error.WriteLineAsync("The database already has articles; the corpus only goes into a fresh one.");
            return 1;
        }

        await output.WriteLineAsync($"Seeded {count} articles in {timer.Elapsed.TotalSeconds:0.0} s ({count / timer.Elapsed.TotalSeconds:0} articles/s).");
        return 0;
    }
}
