using System.CommandLine;
using Masthead.Data;
using Masthead.Import;
using Masthead.Operations;

/// <summary>The commands that bring a newsroom's archive, and Ghost's members, across from WordPress or Ghost.</summary>
internal static partial class MastheadCommands
{
    private static Command ImportCommand(Context context)
    {
        var import = new Command("import", "Brings articles, pages, bylines, topics and old addresses across from another system; safe to run again (it updates what it imported).");
        import.Subcommands.Add(ImportFileCommand(context, ImportSources.WordPress, "A WordPress export (Tools → Export → All content: WXR 1.1 or 1.2, .xml).", membersOnly: false));
        import.Subcommands.Add(ImportFileCommand(context, ImportSources.Ghost, "A Ghost content export (Settings → Labs → Export: .json, or a zip with content/images).", membersOnly: true));
        import.Subcommands.Add(GhostMembersCommand(context));
        return import;
    }

    private static Command GhostMembersCommand(Context context)
    {
        var file = new Argument<string>("file") { Description = "Ghost's members export (Members → Export, .csv)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check everything (Stripe is asked, read-only), print the report, write nothing." };
        var command = new Command(ImportSources.GhostMembers, "Ghost's paying and complimentary members become supporters, with their active Stripe subscriptions; free members are counted only.") { file, dryRun };
        command.SetAction((parsed, cancellationToken) => context.Run(async () =>
        {
            var path = parsed.GetRequiredValue(file);
            return await ReportAsync(context, scope => scope.GetRequiredService<GhostMemberImport>().RunAsync(path, path, parsed.GetValue(dryRun), actor: null, cancellationToken), cancellationToken);
        }));
        return command;
    }

    private static Command ImportFileCommand(Context context, string source, string description, bool membersOnly)
    {
        var file = new Argument<string>("file") { Description = "The export file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check everything, print the report, write nothing." };
        var edition = new Option<string>("--edition") { Description = "The edition the articles and pages join (its code); the default edition if not given.", HelpName = "code" };
        var media = new Option<string>("--media") { Description = "A local copy of the old site's images (wp-content/uploads, or Ghost's content/images).", HelpName = "folder" };
        var fetch = new Option<bool>("--fetch-media") { Description = "Fetch the images the export and --media lack from the old site itself (its own host and --media-host ones only; public addresses only)." };
        var hosts = new Option<string[]>("--media-host") { Description = "Another host images may be fetched from, such as the old site's CDN (repeatable).", HelpName = "host", AllowMultipleArgumentsPerToken = true };
        var command = new Command(source, description) { file, dryRun, edition, media, fetch, hosts };
        var membersOnlyAs = new Option<string>("--members-only-as") { Description = "public or draft (the default): what members-only and paid posts become.", HelpName = "public|draft" };
        membersOnlyAs.AcceptOnlyFromAmong("public", "draft");
        if (membersOnly)
        {
            command.Options.Add(membersOnlyAs);
        }

        command.SetAction((parsed, cancellationToken) => context.Run(async () =>
        {
            var path = parsed.GetRequiredValue(file);
            var request = new ImportRequest(source, path, path, parsed.GetValue(dryRun), parsed.GetValue(edition) ?? "",
                parsed.GetValue(media), membersOnly && parsed.GetValue(membersOnlyAs) == "public", parsed.GetValue(fetch), parsed.GetValue(hosts));
            return await ImportAsync(context, request, cancellationToken);
        }));
        return command;
    }

    private static Task<int> ImportAsync(Context context, ImportRequest request, CancellationToken cancellationToken) =>
        ReportAsync(context, scope => scope.GetRequiredService<ImportRunner>().RunAsync(request, actor: null, createdById: 0, savedBy: $"import from {request.Source}", cancellationToken), cancellationToken);

    /// <summary>Runs an import in a scope of its own and prints its report, or the one sentence that refused the file.</summary>
    private static async Task<int> ReportAsync(Context context, Func<IServiceProvider, Task<(int? RunId, ImportReport Report)>> import, CancellationToken cancellationToken)
    {
        await DataSetup.MigrateAsync(context.Services, cancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        try
        {
            var (runId, report) = await import(scope.ServiceProvider);
            foreach (var line in report.Lines())
            {
                await context.Output.WriteLineAsync(line);
            }

            await context.Output.WriteLineAsync(runId is { } id
                ? $"Imported. The report is kept as import {id}, readable in the admin under Import."
                : "Dry run: nothing was written.");
            return ExitCodes.Done;
        }
        catch (ImportRefusedException refused)
        {
            await context.Error.WriteLineAsync(refused.Message + " Nothing was imported.");
            return ExitCodes.Failed;
        }
    }
}
