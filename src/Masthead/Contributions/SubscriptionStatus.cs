namespace Masthead.Contributions;

public enum SubscriptionStatus
{
    Active,
    PastDue,
    Canceled,
}
