using System.CommandLine;
using Masthead.Operations;
using Masthead.Reach;

/// <summary>The command that writes a static copy of the public site, for a mirror.</summary>
internal static partial class MastheadCommands
{
    private static Command ExportMirrorCommand(Context context)
    {
        var folder = new Argument<string>("folder") { Description = "Where to write the copy: a new or empty folder, or one an earlier export wrote (only what changed is rewritten)." };
        var baseUrl = new Option<string>("--base-url") { Description = "The mirror's own address, e.g. https://meridian.example.net: its feeds and sitemap link there. Without it they link to the site.", HelpName = "address" };
        var liveUrl = new Option<string>("--live-url") { Description = "Where the copy's Continue and other forms lead (the site, its onion address, another live address); by default the site's base address.", HelpName = "address" };
        var command = new Command("export-mirror", "Writes a self-contained static copy of the public site (every edition's pages, images, stylesheet, reader script, feeds and sitemap) with relative links, to serve from any host or open from disk.") { folder, baseUrl, liveUrl };
        command.SetAction((parsed, cancellationToken) => context.Run(async () =>
        {
            if (context.ExportMirror is null)
            {
                await context.Error.WriteLineAsync("export-mirror runs only from the program itself.");
                return ExitCodes.Failed;
            }

            var path = parsed.GetRequiredValue(folder);
            if (MirrorExport.Problem(path) is { } problem)
            {
                await context.Error.WriteLineAsync(problem);
                return ExitCodes.Failed;
            }

            var addresses = new Dictionary<Option<string>, string?>();
            foreach (var option in new[] { baseUrl, liveUrl })
            {
                var typed = parsed.GetValue(option);
                addresses[option] = typed is null ? null : MirrorAddress.Normalize(typed);
                if (typed is not null && addresses[option] is null)
                {
                    await context.Error.WriteLineAsync($"{option.Name} \"{typed}\" must be a full http or https address, like https://meridian.example.net.");
                    return ExitCodes.Usage;
                }
            }

            return await context.ExportMirror(path, addresses[baseUrl], addresses[liveUrl], cancellationToken);
        }));
        return command;
    }
}
