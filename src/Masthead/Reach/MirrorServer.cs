using Masthead.Newsroom;
using Masthead.Operations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Masthead.Reach;

/// <summary>
/// <c>export-mirror</c> from the command line: the site started on a free loopback port only (never the addresses it
/// serves on, which a running server may hold), read by <see cref="MirrorExport"/>, and stopped.
/// </summary>
public static class MirrorServer
{
    /// <summary>Where the copy's live links lead when nothing is configured: the run command's address.</summary>
    public const string DevelopmentAddress = "http://localhost:5080";

    public static async Task<int> ExportAsync(WebApplication app, string folder, string? baseUrl, string? liveUrl, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The address pages write their absolute links on: the configured one, else where the site is usually served.
        var origin = app.Services.GetRequiredService<PublicAddress>().Configured ?? ServedAt(app) ?? DevelopmentAddress;
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        try
        {
            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var export = app.Services.GetRequiredService<MirrorExport>();
            await export.ExportAsync(new Uri(listening), origin, new MirrorExportRequest(folder, baseUrl, liveUrl ?? origin), output, cancellationToken);
            return ExitCodes.Done;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The first address the site is set to listen on (<c>--urls</c>, ASPNETCORE_URLS), a wildcard read as localhost.</summary>
    private static string? ServedAt(WebApplication app)
    {
        var first = app.Urls.FirstOrDefault() ?? app.Configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null ? null : first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
