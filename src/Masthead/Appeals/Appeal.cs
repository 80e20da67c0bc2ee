using Masthead.Data;

namespace Masthead.Appeals;

/// <summary>The newsroom's message after every article: its own words, and the two buttons.</summary>
public sealed class Appeal : IVersioned
{
    public const int MaxBody = 4000;
    public const int NameLength = 100;
    public const int LabelLength = 60;

    public int Id { get; set; }

    /// <summary>For editors only, e.g. "Year-end 2026".</summary>
    public required string Name { get; set; }

    /// <summary>The code of the edition whose readers see it: each edition has its own appeals, in its language.</summary>
    public string Edition { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string ContinueLabel { get; set; } = "Continue";
    public string NotTodayLine { get; set; } = "Not today?";
    public string SnoozeLabel { get; set; } = "Remind me later";

    /// <summary>How long "Remind me later" hides the appeal.</summary>
    public int SnoozeDays { get; set; } = 7;

    /// <summary>The one appeal the edition's readers see; at most one is active in each edition.</summary>
    public bool IsActive { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Counts the editors' saves; EF compares it on every update (a concurrency token), so a save from a stale form is refused.</summary>
    public int Version { get; set; }
}
