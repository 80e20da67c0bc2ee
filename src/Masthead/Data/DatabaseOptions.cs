using System.ComponentModel.DataAnnotations;

namespace Masthead.Data;

/// <summary>Which database the newsroom lives in. Bound from <c>Masthead:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (the default, one embedded file) or <c>Postgres</c>.</summary>
    [AllowedValues("Sqlite", "Postgres")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The provider's connection string. Empty means a SQLite file in the data directory.</summary>
    public string ConnectionString { get; set; } = "";

    public bool IsPostgres => Provider == "Postgres";
}
