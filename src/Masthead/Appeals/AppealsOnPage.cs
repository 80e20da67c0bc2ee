namespace Masthead.Appeals;

/// <summary>
/// A page's appeals: <see cref="Visible"/>, rendered for readers with JavaScript off (none for a browser whose cookies
/// say snoozed or supporter), and the rest in the order the reader script tries them.
/// </summary>
public sealed record AppealsOnPage(AppealView? Visible, IReadOnlyList<AppealView> Others)
{
    public static AppealsOnPage? Of(IReadOnlyList<AppealView> appeals, bool hidden)
    {
        ArgumentNullException.ThrowIfNull(appeals);
        if (appeals.Count == 0)
        {
            return null;
        }

        // A snoozed reader's or supporter's copy carries only what a supporter may see: the thank-you, never an ask.
        var visible = hidden ? null : appeals.FirstOrDefault(a => a.SuitsAFreshBrowser && a.Variant == 0);
        var others = appeals.Where(a => !ReferenceEquals(a, visible) && (!hidden || a.Audience == AppealAudience.Supporters)).ToList();
        return visible is null && others.Count == 0 ? null : new AppealsOnPage(visible, others);
    }
}
