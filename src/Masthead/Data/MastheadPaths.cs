using Microsoft.Extensions.Hosting;

namespace Masthead.Data;

/// <summary>Where Masthead reads its own files from (wwwroot, appsettings.json) and keeps its data: the SQLite database, uploaded images, keys.</summary>
public static class MastheadPaths
{
    /// <summary>
    /// The content root: the folder holding Masthead.dll when it holds wwwroot, as a published app's does, so it finds
    /// its files whatever directory it is started from. A build output has no wwwroot (the SDK serves it from the
    /// project); there, as under <c>dotnet run</c>, which starts in the project folder, the working directory stays
    /// the content root, so src/Masthead's appsettings.json and wwwroot are read where they are edited.
    /// </summary>
    public static string ContentRoot() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : Directory.GetCurrentDirectory();

    /// <summary>The data directory when none is configured: outside the application's folder, so a redeploy never touches it.</summary>
    public const string DefaultDataDirectory = "/var/lib/masthead";

    /// <summary>The host's options: <paramref name="args"/> and <see cref="ContentRoot"/>.</summary>
    public static WebApplicationOptions HostOptions(string[] args) => new() { Args = args, ContentRootPath = ContentRoot() };

    /// <summary>
    /// <c>Masthead:DataDirectory</c>: <see cref="DefaultDataDirectory"/> unless set; <c>data</c> in Development
    /// (appsettings.Development.json), so <c>dotnet run</c> keeps it in src/Masthead/data. A relative path is taken from the content root, never from the
    /// directory Masthead happened to be started in.
    /// </summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Masthead:DataDirectory"] is { Length: > 0 } value ? value : DefaultDataDirectory;
        var contentRoot = configuration[HostDefaults.ContentRootKey] is { Length: > 0 } root ? root : ContentRoot();
        var directory = Path.GetFullPath(configured, contentRoot);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static string MediaDirectory(IConfiguration configuration)
    {
        var directory = Path.Combine(DataDirectory(configuration), "media");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
