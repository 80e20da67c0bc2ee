namespace Masthead.Contributions;

/// <summary>An amount in a currency's minor units (cents), never a floating-point number.</summary>
public readonly record struct Money(long MinorUnits, string Currency)
{
    public override string ToString() => Currencies.Format(this);
}
