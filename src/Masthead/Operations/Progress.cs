namespace Masthead.Operations;

/// <summary>
/// How far a long command has got: on a terminal, one bar redrawn in place; when the output is redirected (a log,
/// a pipe, a test), one plain line per step, so the record reads well afterwards.
/// </summary>
public sealed class Progress(TextWriter output, bool terminal)
{
    private const int BarWidth = 30;

    /// <summary>For the console: a bar when standard output is a terminal, lines otherwise.</summary>
    public static Progress ForConsole() => new(Console.Out, terminal: !Console.IsOutputRedirected);

    /// <summary>Step <paramref name="done"/> of <paramref name="total"/> is over, as <paramref name="step"/> says; a bar's line ends at the last.</summary>
    public void Report(string step, long done, long total)
    {
        var fraction = total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        if (!terminal)
        {
            output.WriteLine(FormattableString.Invariant($"[{done:N0}/{total:N0}] {step}"));
            return;
        }

        var filled = (int)Math.Round(fraction * BarWidth);
        output.Write(FormattableString.Invariant($"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {(int)Math.Round(fraction * 100),3}% {step} ({done:N0}/{total:N0})\u001b[K"));
        if (done >= total)
        {
            output.WriteLine();
        }
    }
}
