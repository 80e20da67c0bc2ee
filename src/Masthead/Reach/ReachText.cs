namespace Masthead.Reach;

/// <summary>The reader's words about the other ways to reach the newsroom, in ReachText.resx and its translations.</summary>
public sealed class ReachText;
