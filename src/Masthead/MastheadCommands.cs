using Masthead.Data;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

/// <summary>The command line: <c>serve</c> (the default), <c>migrate</c>, <c>create-staff</c>.</summary>
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
            default:
                Console.Error.WriteLine($"Unknown command \"{command}\". Commands: serve (default), migrate, create-staff <email> <Writer|Editor|Admin> [display name].");
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
        db.Staff.Add(staff);
        await db.SaveChangesAsync();
        Console.WriteLine($"Created {role} {email} with one-time password {password} (to be changed at first sign-in).");
    }
}
