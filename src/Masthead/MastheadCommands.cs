using System.Diagnostics;
using System.Globalization;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

/// <summary>The command line: <c>serve</c> (the default), <c>migrate</c>, <c>create-staff</c>, <c>seed-corpus</c>.</summary>
internal static class MastheadCommands
{
    /// <summary>Runs a command given on the command line; false means "no command: serve the site".</summary>
    public static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        // Only the first argument can name a command; the rest are options such as --urls.
        var command = args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=') ? first : null;
        switch (command)
        {
            case null or "serve":
                return false;
            case "migrate":
                await DataSetup.MigrateAsync(app.Services);
                Console.WriteLine("The database is up to date.");
                return true;
            case "create-staff":
                await CreateStaffAsync(app, args);
                return true;
            case "seed-corpus":
                await SeedCorpusAsync(app, args);
                return true;
            default:
                Console.Error.WriteLine($"Unknown command \"{command}\". Commands: serve (default), migrate, create-staff <email> <Writer|Editor|Admin> [display name], {SeedCorpusUsage}.");
                Environment.ExitCode = 2;
                return true;
        }
    }

    private static async Task CreateStaffAsync(WebApplication app, string[] args)
    {
        var rest = args.SkipWhile(a => a != "create-staff").Skip(1).ToArray();
        if (rest.Length < 2 || !Enum.TryParse<StaffRole>(rest[1], ignoreCase: true, out var role) || !rest[0].Contains('@'))
        {
            Console.Error.WriteLine("Usage: create-staff <email> <Writer|Editor|Admin> [display name]");
            Environment.ExitCode = 2;
            return;
        }

        await DataSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var email = rest[0].Trim().ToLowerInvariant();
        if (await db.Staff.AnyAsync(s => s.Email == email))
        {
            Console.Error.WriteLine($"{email} already has an account.");
            Environment.ExitCode = 1;
            return;
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
        Console.WriteLine($"Created {role} {email} with one-time password {password} (to be changed at first sign-in).");
    }

    private const string SeedCorpusUsage = "seed-corpus <count> [--slugs <file>] [--seed <number>]";

    /// <summary>Fills a fresh database with a benchmark corpus (see <see cref="BenchCorpus"/>).</summary>
    private static async Task SeedCorpusAsync(WebApplication app, string[] args)
    {
        var rest = args.SkipWhile(a => a != "seed-corpus").Skip(1).ToArray();
        string? Option(string name) => Array.IndexOf(rest, name) is var at and >= 0 && at + 1 < rest.Length ? rest[at + 1] : null;
        var seed = BenchCorpus.DefaultSeed;
        if (rest is not [var countText, ..] || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || (Option("--seed") is { } seedText && !int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed)))
        {
            Console.Error.WriteLine($"Usage: {SeedCorpusUsage}");
            Environment.ExitCode = 2;
            return;
        }

        await DataSetup.MigrateAsync(app.Services);
        var timer = Stopwatch.StartNew();
        await using var slugs = Option("--slugs") is { } path ? new StreamWriter(path) : null;
        if (!await BenchCorpus.SeedAsync(app.Services, count, slugs, seed))
        {
            Console.Error.WriteLine("The database already has articles; the corpus only goes into a fresh one.");
            Environment.ExitCode = 1;
            return;
        }

        Console.WriteLine($"Seeded {count} articles in {timer.Elapsed.TotalSeconds:0.0} s ({count / timer.Elapsed.TotalSeconds:0} articles/s).");
    }
}
