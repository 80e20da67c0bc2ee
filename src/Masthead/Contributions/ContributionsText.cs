namespace Masthead.Contributions;

/// <summary>
/// The fixed words of the reader's money path (the contribution, thanks, manage and "Already a supporter?" pages, their
/// forms' messages, the receipt and the link email), in ContributionsText.resx and its translations.
/// </summary>
public sealed class ContributionsText;
