namespace Masthead.Import;

/// <summary>One import, from the command line or the admin: what was read, how far it got, and its report when done.</summary>
public sealed class ImportRun
{
    public int Id { get; set; }

    /// <summary><c>wordpress</c>, <c>ghost</c> or <c>ghost-members</c>.</summary>
    public required string Source { get; set; }

    public required string FileName { get; set; }
    public bool IsDryRun { get; set; }
    public ImportRunState State { get; set; }

    /// <summary>Items written so far, for the admin's progress line.</summary>
    public int ItemsDone { get; set; }

    /// <summary>The report as JSON (<see cref="ImportReport"/>), written when the run ends.</summary>
    public string ReportJson { get; set; } = "";

    /// <summary>The one sentence a refused or failed run ended with.</summary>
    public string? Failure { get; set; }

    /// <summary>The staff member who started it in the admin; null from the command line.</summary>
    public int? StartedById { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum ImportRunState
{
    Running,
    Finished,
    Failed,
}
