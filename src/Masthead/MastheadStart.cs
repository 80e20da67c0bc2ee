using Masthead.Data;
using Masthead.Operations;
using Masthead.Privacy;
using Masthead.Settings;
using Microsoft.Extensions.Options;

/// <summary>
/// What every command does first, before it writes anything anywhere: warn about settings nobody reads, check
/// every setting (and, to serve, that the addresses to listen on are free), then make the data directory and read the personal-data key. Only then may a command migrate,
/// create the first admin or seed, so a refused start leaves the database and the disk as they were.
/// </summary>
internal static class MastheadStart
{
    /// <summary>
    /// Null when the command may go on; otherwise the exit code, the reasons written to <paramref name="error"/>.
    /// <paramref name="serving"/>: the site is to listen, so the addresses it listens on must be free too.
    /// </summary>
    public static int? Check(IServiceProvider services, TextWriter error, bool serving)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        foreach (var (key, nearest) in services.GetRequiredService<KnownSettings>().Unknown(configuration))
        {
            error.WriteLine($"WARNING: {key} is not a Masthead setting, so it is ignored. Did you mean {nearest}?");
        }

        try
        {
            if (Masthead.Newsroom.PublicAddress.IgnoredAllowedHosts(services) is { } ignored)
            {
                error.WriteLine(ignored);
            }

            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (StartupFailures.Explain(e) is { } explained)
        {
            return Refuse(error, explained.Sentences, explained.ExitCode);
        }

        if (serving && ListenAddresses.InUse(services) is { } inUse)
        {
            return Refuse(error, [inUse], ExitCodes.Unavailable);
        }

        // A configured key is only text, read before anything is made on disk; a key file needs the data directory.
        if (services.GetRequiredService<PersonalDataKeys>().Configured && ReadKey(services, error) is { } badKey)
        {
            return badKey;
        }

        var directory = MastheadPaths.DataDirectory(configuration);
        try
        {
            MastheadPaths.CreateDataDirectory(configuration);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(error, [StartupFailures.DataDirectory(directory, e)], ExitCodes.BadSetting);
        }

        return ReadKey(services, error);
    }

    /// <summary>Reads the configured key, or the key file (made the first time); a bad key's message says what to fix.</summary>
    private static int? ReadKey(IServiceProvider services, TextWriter error)
    {
        try
        {
            services.GetRequiredService<PersonalData>();
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return Refuse(error, [e.Message], ExitCodes.BadSetting);
        }
    }

    /// <summary>Runs <paramref name="command"/> after <see cref="Check"/>, turning a start-up failure on the way into a sentence and an exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter error, bool serving, Func<Task<int>> command)
    {
        if (Check(services, error, serving) is { } refused)
        {
            return refused;
        }

        try
        {
            return await command();
        }
        catch (Exception e) when (StartupFailures.Explain(e) is { } explained)
        {
            return Refuse(error, explained.Sentences, explained.ExitCode);
        }
    }

    private static int Refuse(TextWriter error, IReadOnlyList<string> sentences, int exitCode)
    {
        foreach (var sentence in sentences)
        {
            error.WriteLine(sentence);
        }

        return exitCode;
    }
}
