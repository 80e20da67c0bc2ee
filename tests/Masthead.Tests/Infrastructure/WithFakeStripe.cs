namespace Masthead.Tests.Infrastructure;

/// <summary>
/// The base of a test class whose every test has a Masthead of its own (a fresh factory of the collection's database)
/// taking payments through a <see cref="FakeStripe"/> of its own: both started before each test, and stopped after
/// it, the app first. A class that needs more settings overrides <see cref="Configure"/>.
/// </summary>
public abstract class WithFakeStripe(MastheadFactory factory) : IAsyncLifetime
{
    /// <summary>This test's Stripe.</summary>
    protected FakeStripe Stripe { get; private set; } = null!;

    /// <summary>This test's Masthead, pointed at <see cref="Stripe"/>; it starts on first use.</summary>
    protected MastheadFactory Own { get; private set; } = null!;

    /// <summary>The time on <see cref="Own"/>'s clock.</summary>
    protected DateTimeOffset Now => Own.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        Own = Stripe.Configure(factory.Fresh());
        Configure(Own);
    }

    public async Task DisposeAsync()
    {
        await Own.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    /// <summary>Settings this class adds to <paramref name="own"/> before its app starts.</summary>
    protected virtual void Configure(MastheadFactory own)
    {
    }
}
