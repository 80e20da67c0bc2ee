namespace Masthead.Appeals;

/// <summary>
/// One arm of an appeal's A/B/n test beside the appeal itself (variant 0, the control): what it changes, and its share
/// of the browsers. A field left null is the control's.
/// </summary>
public sealed class AppealVariant
{
    public const int MaxVariants = 4;

    public int Id { get; set; }
    public int AppealId { get; set; }

    /// <summary>1, 2, 3: the number the reader script reports with each event (0 is the control).</summary>
    public int Number { get; set; }

    /// <summary>For editors, e.g. "Shorter text".</summary>
    public required string Name { get; set; }

    public string? BodyMarkdown { get; set; }
    public string? BodyHtml { get; set; }
    public string? ContinueLabel { get; set; }
    public string? AskLine { get; set; }

    /// <summary>As <see cref="Appeal.SuggestedAmounts"/>; null for the control's.</summary>
    public string? SuggestedAmounts { get; set; }

    /// <summary>The frequency the contribution form opens with after this variant's Continue; null for the form's own.</summary>
    public Contributions.Frequency? DefaultFrequency { get; set; }
}
