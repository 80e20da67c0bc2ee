using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Newsroom;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Masthead.Email;

/// <summary>Every minute of the app's clock: due reminders and unsent receipts. Both are stored, so a restart loses none.</summary>
public sealed partial class MailJob(IServiceScopeFactory scopes, TimeProvider clock, IServer server, IOptions<NewsroomOptions> newsroom, ILogger<MailJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                Operations.MastheadMetrics.JobRan("mail");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The mail server may be down for a while; what was not sent is retried next minute.
                LogFailed(logger, exception);
                Operations.MastheadMetrics.JobFailed("mail");
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var root = SiteRoot();
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Receipts>().SendPendingAsync(root, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Reminders>().SendDueAsync(root, cancellationToken);
    }

    /// <summary>Links in emails sent with no request at hand: the configured public address, else where this server listens.</summary>
    private string SiteRoot() =>
        newsroom.Value.BaseUrl is { Length: > 0 } configured ? configured
        : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending receipts and reminders failed; retrying next minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
