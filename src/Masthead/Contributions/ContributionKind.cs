namespace Masthead.Contributions;

public enum ContributionKind
{
    Payment,
    Refund,
}
