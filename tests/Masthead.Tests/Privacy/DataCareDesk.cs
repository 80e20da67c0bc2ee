using System.Net;
using System.Text.RegularExpressions;
using Masthead.Privacy;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Masthead.Tests.Privacy;

/// <summary>A supporter reading their mail in the outbox folder (no SMTP host set), and the command line as an operator runs it.</summary>
public static partial class DataCareDesk
{
    /// <summary>One run of the hourly retention job, now on the app's clock.</summary>
    public static Task<Retention.Result> RunRetentionAsync(MastheadFactory factory) =>
        factory.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);

    /// <summary>The paths of the magic links in every message to <paramref name="email"/> in the outbox, once due mail is sent.</summary>
    public static async Task<HashSet<string>> LinksToAsync(MastheadFactory factory, string email)
    {
        await factory.SendMailAsync();
        var links = new HashSet<string>(StringComparer.Ordinal);
        var outbox = Path.Combine(factory.DataDirectory, "outbox");
        if (!Directory.Exists(outbox))
        {
            return links;
        }

        foreach (var file in Directory.GetFiles(outbox, "*.eml"))
        {
            using var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase))
                && LinkPattern().Match(message.TextBody ?? "") is { Success: true } link)
            {
                links.Add(link.Value);
            }
        }

        return links;
    }

    /// <summary>The one link to <paramref name="email"/> that is not among <paramref name="seen"/> (all messages share the test clock's second).</summary>
    public static async Task<string> NewLinkToAsync(MastheadFactory factory, string email, IEnumerable<string>? seen = null) =>
        Assert.Single((await LinksToAsync(factory, email)).Except(seen ?? []));

    /// <summary>Uses a magic link in <paramref name="browser"/>, as pressing Continue does, and asserts it opened the manage page.</summary>
    public static async Task OpenManagePageAsync(MastheadFactory factory, HttpClient browser, string link)
    {
        using var opened = await factory.PostFormAsync(browser, link, []);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/support/manage", opened.Headers.Location!.OriginalString);
    }

    /// <summary>Runs a command the way <c>dotnet Masthead.dll &lt;args&gt;</c> does, on this app's services; returns the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(MastheadFactory factory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MastheadCommands.RunAsync(factory.Services, args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"/support/link/[0-9a-f]{64}")]
    private static partial Regex LinkPattern();
}
