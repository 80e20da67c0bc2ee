using System.Net.Sockets;
using Masthead.Data;
using Masthead.Privacy;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masthead.Operations;

/// <summary>
/// Turns what goes wrong at start (a refused setting, an unreachable database, a port in use, a data directory that
/// cannot be written) into one plain sentence naming what to fix, and an exit code: no stack trace for an operator
/// to read through. Anything else is not explained here and keeps its stack trace, being a bug.
/// </summary>
public static partial class StartupFailures
{
    private const string Database = DatabaseOptions.ConnectionStringSetting;

    /// <summary>The sentences and exit code for <paramref name="exception"/>, or null when it is not a start-up failure.</summary>
    public static (IReadOnlyList<string> Sentences, int ExitCode)? Explain(Exception exception) => exception switch
    {
        OptionsValidationException invalid => ([.. invalid.Failures], ExitCodes.BadSetting),
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            ([.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)], ExitCodes.BadSetting),
        InvalidOperationException when Unconvertible().Match(exception.Message) is { Success: true } value =>
            ([$"{value.Groups["key"].Value} is \"{value.Groups["value"].Value}\", which is not {Kind(value.Groups["type"].Value)}."], ExitCodes.BadSetting),
        _ when Find<PersonalDataKeyMismatchException>(exception) is { } mismatch => ([mismatch.Message], ExitCodes.BadSetting),
        _ when Find<AddressInUseException>(exception) is { } inUse =>
            ([$"The address Masthead was told to listen on is in use by another program ({inUse.Message.TrimEnd('.')}): stop that program, or choose another address with --urls or ASPNETCORE_URLS."], ExitCodes.Unavailable),
        _ when Find<PostgresException>(exception) is { } refused => ([Postgres(refused)], ExitCodes.BadSetting),
        _ when Find<NpgsqlException>(exception) is { } unreachable => Unreachable(unreachable),
        _ when Find<SqliteException>(exception) is { } sqlite => ([$"The SQLite database could not be opened ({sqlite.Message.TrimEnd('.')}): check {Database} and {MastheadPaths.DataDirectorySetting}, and that Masthead may write there."], ExitCodes.BadSetting),
        _ => null,
    };

    // The configuration binder's words for a value of the wrong type, e.g. "maybe" for a true-or-false setting.
    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Unconvertible();

    private static string Kind(string type) => type switch
    {
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.TimeSpan" => "a length of time such as 00:10:00",
        _ => $"a {type[(type.LastIndexOf('.') + 1)..]}",
    };

    /// <summary>The sentence for a data directory that cannot be made or written.</summary>
    public static string DataDirectory(string path, Exception problem) =>
        $"{MastheadPaths.DataDirectorySetting} is {path}, which Masthead cannot create or write ({problem.Message.TrimEnd('.')}): choose another, or give the user Masthead runs as write access to it.";

    private static string Postgres(PostgresException refused) => refused.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            $"PostgreSQL refused the user name or password in {Database} ({refused.MessageText}).",
        PostgresErrorCodes.InvalidCatalogName =>
            $"The database named in {Database} does not exist on the PostgreSQL server ({refused.MessageText}): create it (createdb), or fix the name.",
        PostgresErrorCodes.InsufficientPrivilege =>
            $"The PostgreSQL user in {Database} may not change the schema ({refused.MessageText}): grant it ownership of the database, or use the owner.",
        _ => $"PostgreSQL refused to start Masthead's database ({refused.SqlState}: {refused.MessageText}): check {Database}.",
    };

    private static (IReadOnlyList<string>, int) Unreachable(NpgsqlException failed)
    {
        var cause = Find<SocketException>(failed)?.Message ?? (Find<TimeoutException>(failed) is not null ? "it did not answer in time" : null);
        return cause is null
            ? ([$"Masthead could not sign in to the PostgreSQL server named in {Database} ({failed.Message.TrimEnd('.')})."], ExitCodes.BadSetting)
            : ([$"Masthead could not connect to the PostgreSQL server named in {Database} ({cause.TrimEnd('.')}): check its Host and Port, and that the server is running."], ExitCodes.Unavailable);
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
