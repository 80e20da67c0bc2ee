namespace Masthead.Contributions;

public enum CheckoutStatus
{
    Open,
    Completed,
    Declined,
    Canceled,
}
