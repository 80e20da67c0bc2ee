using BenchmarkDotNet.Attributes;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Payments.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Benchmarks;

/// <summary>
/// Payment events on SQLite as the webhook and the worker handle them: each one stored in the inbox, a tenth of them
/// delivered twice as providers do, then all applied to supporters, subscriptions and the ledger. Reported per distinct
/// event (Op/s = events per second); exactly-once is checked after every invocation and again at the end.
/// </summary>
public class PaymentInboxBenchmarks
{
    private const int Events = 200;
    private const int Customers = 100;
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    private BenchHost _host = null!;
    private int _delivered;

    [GlobalSetup]
    public async Task SetupAsync() => (_host, _) = await BenchHost.StartAsync(0);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            var lines = await db.Contributions.CountAsync();
            var pending = await db.PaymentEvents.CountAsync(e => e.ProcessedAt == null);
            Console.WriteLine($"// Exactly once: {_delivered} distinct payments delivered, {lines} ledger lines, {pending} events pending.");
            if (lines != _delivered || pending != 0)
            {
                throw new InvalidOperationException($"Exactly-once broken: {_delivered} payments, {lines} ledger lines, {pending} pending.");
            }
        }

        await _host.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task RecordAndProcessEvents()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<PaymentInbox>();
        var first = _delivered;
        for (var i = first; i < first + Events; i++)
        {
            var customer = i % Customers;
            var paid = new SandboxEvent("invoice.paid", $"cus_{customer}", T0.AddMinutes(i), Subscription: $"sub_{customer}",
                Payment: $"pay_{i}", Amount: 500, Currency: "USD", Frequency: Frequency.Monthly);
            var payload = SandboxProvider.Payload(paid);
            await inbox.RecordAsync(SandboxProvider.ProviderName, $"evt_{i}", paid.Type, payload, CancellationToken.None);
            if (i % 10 == 0)
            {
                await inbox.RecordAsync(SandboxProvider.ProviderName, $"evt_{i}", paid.Type, payload, CancellationToken.None);
            }
        }

        _delivered += Events;
        var applied = await inbox.ProcessPendingAsync(CancellationToken.None);
        if (applied != Events)
        {
            throw new InvalidOperationException($"Exactly-once broken: {Events} new events, {applied} applied.");
        }
    }
}
