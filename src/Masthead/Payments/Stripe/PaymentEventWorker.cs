using System.Threading.Channels;
using Masthead.Contributions;

namespace Masthead.Payments.Stripe;

/// <summary>
/// Tells <see cref="PaymentEventWorker"/> that an event is waiting in the inbox. Signals while it is busy collapse into
/// one more pass, so a burst of webhooks costs a pass or two, not one each.
/// </summary>
public sealed class PaymentEventSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when raised or when <paramref name="timeout"/> of <paramref name="clock"/>'s time has passed, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _channel.Reader.WaitToReadAsync(either.Token);
            _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: a pass is due anyway.
        }
    }
}

/// <summary>
/// Applies what the webhooks stored: after each signal, and every 30 seconds of the app's clock in case a signal was lost
/// (a crash between storing and processing, or an event that failed and waits for another try). The inbox's claims make it
/// safe to run beside the thank-you page and other nodes doing the same.
/// </summary>
public sealed partial class PaymentEventWorker(
    IServiceScopeFactory scopes, PaymentEventSignal signal, TimeProvider clock, ILogger<PaymentEventWorker> logger) : BackgroundService
{
    public static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PaymentInbox>().ProcessPendingAsync(stoppingToken);
                Operations.MastheadMetrics.JobRan("payment-events");
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The events stay in the inbox; the next signal or tick tries again. The worker must outlive a busy database.
                LogFailed(logger, exception);
                Operations.MastheadMetrics.JobFailed("payment-events");
            }

            await signal.WaitAsync(SafetyInterval, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying payment events failed; retrying on the next signal or tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
