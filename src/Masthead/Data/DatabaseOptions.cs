using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Masthead.Data;

/// <summary>Which database the newsroom lives in. Bound from <c>Masthead:Database</c>.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string ConnectionStringSetting = "Masthead:Database:ConnectionString";

    /// <summary><c>Sqlite</c> (the default, one embedded file) or <c>Postgres</c>, in any case.</summary>
    [AllowedValues("Sqlite", "Postgres", ErrorMessage = "{0} must be Sqlite or Postgres.")]
    public string Provider { get; set => field = Canonical(value); } = "Sqlite";

    /// <summary>The provider's connection string. Empty means a SQLite file in the data directory.</summary>
    public string ConnectionString { get; set; } = "";

    public bool IsPostgres => Provider == "Postgres";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new($"{ConnectionStringSetting} is required with the Postgres provider, e.g. Host=127.0.0.1;Database=masthead;Username=masthead;Password=...");
            yield break;
        }

        // Parsed here, before anything opens it; the value itself is never repeated, since it may hold a password.
        string? problem = null;
        try
        {
            _ = IsPostgres ? new NpgsqlConnectionStringBuilder(ConnectionString).ConnectionString : new SqliteConnectionStringBuilder(ConnectionString).ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return new($"{ConnectionStringSetting} cannot be read as a {Provider} connection string ({problem}).");
        }
    }

    private static string Canonical(string value) => value.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => "Sqlite",
        "POSTGRES" => "Postgres",
        _ => value,
    };
}
