namespace Masthead.Import;

/// <summary>
/// What an import did or, on a dry run, would do: counts per kind and outcome, what was skipped and why, and the warnings
/// a real export's recoverable faults give. Printed by the command, kept with the run, shown in the admin.
/// </summary>
public sealed class ImportReport
{
    /// <summary>"article imported", "page updated", "attachment skipped: not an image"... → how many.</summary>
    public SortedDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public List<string> Warnings { get; } = [];

    /// <summary>Shortcodes the importer does not know, left in the text as they were.</summary>
    public SortedSet<string> UnknownShortcodes { get; } = new(StringComparer.Ordinal);

    public void Count(string what, int by = 1) => Counts[what] = Counts.GetValueOrDefault(what) + by;

    public void Skip(string kind, string why) => Count($"{kind} skipped: {why}");

    public void Warn(string message)
    {
        // A broken export can repeat one fault thousands of times; the report keeps the first few hundred.
        if (Warnings.Count < 500)
        {
            Warnings.Add(message);
        }
    }
}
