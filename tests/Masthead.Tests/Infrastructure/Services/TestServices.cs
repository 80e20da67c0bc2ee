namespace Masthead.Tests.Infrastructure.Services;

/// <summary>
/// The PostgreSQL server and the SMTP server (smtp4dev) the tests talk to. When <c>MASTHEAD_TEST_POSTGRES</c>,
/// <c>MASTHEAD_TEST_SMTP</c> and <c>MASTHEAD_TEST_SMTP_API</c> are set (shared services, CI), those are used and nothing
/// is started. Otherwise the first test that needs one starts it, a throwaway <see cref="ThrowawayPostgres"/> or
/// <see cref="ThrowawaySmtp4dev"/>, and sets the variable in this process (so child processes and tests reading it see it
/// too); <see cref="TestServicesFramework"/> stops both when the run ends. So plain <c>dotnet test</c> works.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "MASTHEAD_TEST_POSTGRES";
    public const string SmtpVariable = "MASTHEAD_TEST_SMTP";
    public const string SmtpApiVariable = "MASTHEAD_TEST_SMTP_API";

    private static readonly Lazy<ThrowawayPostgres?> s_postgres = new(() => FromEnvironment(PostgresVariable) ? null : Started(ThrowawayPostgres.Start()));
    private static readonly Lazy<ThrowawaySmtp4dev?> s_smtp = new(() => FromEnvironment(SmtpVariable, SmtpApiVariable) ? null : Started(ThrowawaySmtp4dev.Start()));
    private static readonly List<IDisposable> s_started = [];

    /// <summary>The PostgreSQL server's connection string, without a database name, e.g. "Host=127.0.0.1;Port=5433;Username=postgres".</summary>
    public static string PostgresServer
    {
        get
        {
            if (s_postgres.Value is { } started)
            {
                Environment.SetEnvironmentVariable(PostgresVariable, started.ConnectionString);
            }

            return Environment.GetEnvironmentVariable(PostgresVariable)!;
        }
    }

    /// <summary>The SMTP server as host:port, e.g. "127.0.0.1:2525".</summary>
    public static string SmtpServer => Smtp().Smtp;

    /// <summary>smtp4dev's web API, e.g. "http://127.0.0.1:5000".</summary>
    public static string SmtpApi => Smtp().Api;

    /// <summary>Stops what this process started (nothing when the variables were given), and removes its files.</summary>
    public static void StopStarted()
    {
        lock (s_started)
        {
            foreach (var service in s_started)
            {
                service.Dispose();
            }

            s_started.Clear();
        }
    }

    private static (string Smtp, string Api) Smtp()
    {
        if (s_smtp.Value is { } started)
        {
            Environment.SetEnvironmentVariable(SmtpVariable, started.Smtp);
            Environment.SetEnvironmentVariable(SmtpApiVariable, started.Api);
        }

        return (Environment.GetEnvironmentVariable(SmtpVariable)!, Environment.GetEnvironmentVariable(SmtpApiVariable)!);
    }

    private static bool FromEnvironment(params string[] variables) =>
        variables.All(variable => Environment.GetEnvironmentVariable(variable) is { Length: > 0 });

    private static T Started<T>(T service)
        where T : IDisposable
    {
        lock (s_started)
        {
            s_started.Add(service);
        }

        // A fallback for a run that ends without disposing the test framework; stopping twice is harmless.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => service.Dispose();
        return service;
    }
}
