using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Masthead.Data;
using Masthead.Operations;
using Masthead.Privacy;

/// <summary>
/// The command line (System.CommandLine): <c>serve</c> (the default), <c>migrate</c>, <c>create-staff</c>,
/// <c>reset-two-factor</c>, <c>rotate-key</c>, <c>backup</c>, <c>restore</c>, <c>import</c>, <c>export-mirror</c>. Nothing is done for
/// a command line that is not understood: it gets the usage and exit code 2 (<see cref="ExitCodes"/>), and so never
/// starts a server or touches the database; <c>--help</c> neither.
/// </summary>
internal static partial class MastheadCommands
{
    /// <summary>What <c>export-mirror</c> does: the folder, the copy's own address and the live address, both optional.</summary>
    public delegate Task<int> ExportMirrorAction(string folder, string? baseUrl, string? liveUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the command <paramref name="args"/> name; <paramref name="serve"/> is what <c>serve</c> does once the settings
    /// are known good, <paramref name="exportMirror"/> what <c>export-mirror</c> does (folder, base address, live address).
    /// </summary>
    public static Task<int> RunAsync(WebApplication app, string[] args, Func<Task> serve, ExportMirrorAction exportMirror) =>
        RunAsync(app.Services, args, Console.Out, Console.Error, serve, exportMirror);

    /// <summary>The same on a built app's services, writing to <paramref name="output"/> and <paramref name="error"/> (the tests' seam).</summary>
    internal static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, Func<Task>? serve = null, ExportMirrorAction? exportMirror = null)
    {
        var root = Commands(new(services, output, error, serve, exportMirror));
        var parsed = root.Parse([.. args.Where(arg => !IsSetting(arg))]);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            // The usage of the command that was not understood, on the error stream, as a shell user expects.
            await error.WriteLineAsync();
            await root.Parse([.. CommandPath(parsed), "--help"]).InvokeAsync(new InvocationConfiguration { Output = error });
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Commands(Context context)
    {
        var root = new RootCommand(
            "Masthead: a publishing and reader-revenue site for an independent newsroom. Without a command it serves the site. " +
            "Settings come from appsettings.json, environment variables (Masthead__Newsroom__Name) and the options below; README.md lists them.");

        // ASP.NET Core reads these itself (WebApplication.CreateBuilder); they are declared so they are understood.
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5000 (also ASPNETCORE_URLS). Several: separated by ;", HelpName = "addresses" };
        root.Options.Add(urls);
        root.Options.Add(new Option<string>("--environment") { Description = "Production (the default), Development or Staging (also ASPNETCORE_ENVIRONMENT).", HelpName = "name", Recursive = true });
        root.Options.Add(new Option<string>("--contentRoot") { Description = "The folder holding wwwroot and appsettings.json; by default the application's own.", HelpName = "folder", Recursive = true });
        root.SetAction((_, _) => context.Serve());

        var serve = new Command("serve", "Checks the settings, brings the database up to date, creates the first admin (printing a one-time password) " +
            "and the demo newsroom when the database is empty, and serves the site until stopped. The default.");
        serve.Options.Add(urls);
        serve.SetAction((_, _) => context.Serve());
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Brings the database schema up to date and exits (every start does it too).");
        migrate.SetAction((_, cancellationToken) => context.Run(async () =>
        {
            await DataSetup.MigrateAsync(context.Services, cancellationToken);
            await context.Output.WriteLineAsync("The database is up to date.");
            return ExitCodes.Done;
        }));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(CreateStaffCommand(context));
        root.Subcommands.Add(ResetTwoFactorCommand(context));

        var retire = new Option<bool>("--retire") { Description = "Delete the retired keys instead, once no value uses them (a week after the rotation: links last seven days)." };
        var rotateKey = new Command("rotate-key", "Makes a new personal-data key and re-encrypts every protected value under it, while the site serves.") { retire };
        rotateKey.SetAction((parsed, cancellationToken) => context.Run(() =>
            KeyRotation.RunAsync(context.Services, parsed.GetValue(retire), context.Output, context.Error, context.Progress, cancellationToken)));
        root.Subcommands.Add(rotateKey);

        var backupFile = new Argument<string>("file") { Description = "The new file to write (never overwritten)." };
        var backup = new Command("backup", "Writes the whole database to a new file, mode 0600, while the site keeps serving (PostgreSQL: needs pg_dump). " +
            "The personal-data key is not in it: back that up apart.") { backupFile };
        backup.SetAction((parsed, cancellationToken) => context.Run(() =>
            Backups.BackupAsync(context.Services, parsed.GetRequiredValue(backupFile), context.Output, context.Error, context.Progress, cancellationToken)));
        root.Subcommands.Add(backup);

        var restoreFile = new Argument<string>("file") { Description = "A file written by backup." };
        var force = new Option<bool>("--force") { Description = "Replace a database that already has data." };
        var restore = new Command("restore", "Puts a backup into an empty database (stop the site first).") { restoreFile, force };
        restore.SetAction((parsed, cancellationToken) => context.Run(() =>
            Backups.RestoreAsync(context.Services, parsed.GetRequiredValue(restoreFile), parsed.GetValue(force), context.Output, context.Error, context.Progress, cancellationToken)));
        root.Subcommands.Add(restore);
        root.Subcommands.Add(ImportCommand(context));
        root.Subcommands.Add(ExportMirrorCommand(context));

        // Every command's help ends with its exit codes.
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((SynchronousCommandLineAction)help.Action!);
        return root;
    }

    /// <summary>What exit code 1 means for each command.</summary>
    private static readonly Dictionary<string, string> NotDone = new(StringComparer.Ordinal)
    {
        ["create-staff"] = "the address already has an account",
        ["reset-two-factor"] = "there is no staff account with that address",
        ["rotate-key"] = "some values could be read by no key in the ring; with --retire: values still use an older key",
        ["backup"] = "the file exists already, its folder does not, or pg_dump failed",
        ["restore"] = "there is no such file, it is not a backup, the database is not empty (without --force), or pg_restore failed",
        ["wordpress"] = "the file is not a WordPress export that can be read (nothing was written)",
        ["ghost"] = "the file is not a Ghost export that can be read (nothing was written)",
        ["ghost-members"] = "the file is not a Ghost members export that can be read (nothing was written)",
        ["export-mirror"] = "the folder is a file, or not empty and not an earlier export's",
    };

    /// <summary>Configuration sections that may be given on the command line without a ":" (as the test host does: --Masthead=).</summary>
    private static readonly HashSet<string> SettingRoots = new(["Masthead", "Logging", "Kestrel", "AllowedHosts", "applicationName"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A setting given as an argument, <c>--Masthead:Newsroom:Name=value</c>, which ASP.NET Core's configuration has
    /// read already (settings under Masthead: are checked like any other); not a command's option.
    /// </summary>
    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals
        && (arg.AsSpan(2, equals - 2).Contains(':') || SettingRoots.Contains(arg[2..equals]));

    /// <summary>The names from the root to the command being parsed, e.g. ["backup"], for its usage.</summary>
    private static string[] CommandPath(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return [.. names];
    }

    /// <summary>The standard help, then the command's exit codes.</summary>
    private sealed class HelpWithExitCodes(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standard.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Section(NotDone.GetValueOrDefault(parseResult.CommandResult.Command.Name, "not used")));
            return exitCode;
        }
    }

    /// <summary>What every command needs: the app's services, where to write, and what serving is.</summary>
    private sealed record Context(IServiceProvider Services, TextWriter Output, TextWriter Error, Func<Task>? ServeAction, ExportMirrorAction? ExportMirror)
    {
        /// <summary>Progress for a long command: a bar on a terminal, lines otherwise.</summary>
        public Progress Progress => Output == Console.Out ? Progress.ForConsole() : new(Output, terminal: false);

        /// <summary>Runs <paramref name="command"/> after the start's checks (<see cref="MastheadStart"/>).</summary>
        public Task<int> Run(Func<Task<int>> command) => MastheadStart.RunAsync(Services, Error, serving: false, command);

        public Task<int> Serve() => MastheadStart.RunAsync(Services, Error, serving: true, async () =>
        {
            if (ServeAction is null)
            {
                await Error.WriteLineAsync("serve runs only from the program itself.");
                return ExitCodes.Failed;
            }

            await ServeAction();
            return ExitCodes.Done;
        });
    }
}
