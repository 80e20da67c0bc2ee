namespace Masthead.Import;

/// <summary>
/// What an import did or, on a dry run, would do: counts per kind and outcome, what was skipped and why, and the warnings
/// a real export's recoverable faults give. Printed by the command, kept with the run, shown in the admin.
/// </summary>
public sealed class ImportReport
{
    /// <summary>"article imported", "page updated", "attachment skipped: not an image"... → how many.</summary>
    public SortedDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public const int MaxWarnings = 500;

    public List<string> Warnings { get; } = [];

    /// <summary>Shortcodes the importer does not know, left in the text as they were.</summary>
    public SortedSet<string> UnknownShortcodes { get; } = new(StringComparer.Ordinal);

    public void Count(string what, int by = 1) => Counts[what] = Counts.GetValueOrDefault(what) + by;

    public void Skip(string kind, string why) => Count($"{kind} skipped: {why}");

    /// <summary>Adds what <paramref name="other"/> counted and warned of (a batch's, once it is committed).</summary>
    public void Merge(ImportReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (what, count) in other.Counts)
        {
            Count(what, count);
        }

        foreach (var warning in other.Warnings)
        {
            Warn(warning);
        }

        UnknownShortcodes.UnionWith(other.UnknownShortcodes);
    }

    /// <summary>The report as the command line prints it: counts, then unknown shortcodes, then warnings.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var (what, count) in Counts)
        {
            yield return $"{count,8}  {what}";
        }

        if (UnknownShortcodes.Count > 0)
        {
            yield return "Unknown shortcodes, left in the text: " + string.Join(", ", UnknownShortcodes.Select(s => $"[{s}]"));
        }

        if (Warnings.Count > 0)
        {
            yield return $"Warnings ({Warnings.Count}{(Warnings.Count >= MaxWarnings ? ", the first only" : "")}):";
            foreach (var warning in Warnings)
            {
                yield return "  " + warning;
            }
        }
    }

    public void Warn(string message)
    {
        // A broken export can repeat one fault thousands of times; the report keeps the first few hundred.
        if (Warnings.Count < MaxWarnings)
        {
            Warnings.Add(message);
        }
    }
}
