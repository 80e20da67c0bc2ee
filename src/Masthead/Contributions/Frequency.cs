namespace Masthead.Contributions;

/// <summary>How often a supporter gives.</summary>
public enum Frequency
{
    Monthly,
    Annual,
    OneTime,
}
