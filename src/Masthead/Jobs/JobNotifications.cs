using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masthead.Jobs;

/// <summary>
/// Wake-ups between nodes on PostgreSQL: a node that stores work for a job (a payment event, a receipt to send) sends
/// <c>NOTIFY masthead_jobs, '&lt;job&gt;'</c>, and every node listens on a dedicated connection and wakes that job, so the
/// node holding its lease starts at once wherever the work landed. A lost notification costs at most the job's interval.
/// </summary>
public sealed partial class JobNotifications(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, TimeProvider clock, ILogger<JobNotifications> logger)
{
    public const string Channel = "masthead_jobs";

    /// <summary>The longest wait between two tries to listen again after the connection was lost.</summary>
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    /// <summary>Whether there are other nodes to tell: on PostgreSQL.</summary>
    public bool Enabled => database.Value.IsPostgres;

    /// <summary>Whether this node is listening now.</summary>
    public bool Listening => _listening;

    /// <summary>Tells every node's <paramref name="job"/> to run. Never throws for the database: the job's poll is the safety net.</summary>
    public async Task NotifyAsync(string job, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MastheadDb>().Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {job})", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotifyFailed(logger, job, exception.Message);
        }
    }

    /// <summary>
    /// Listens until <paramref name="stopping"/>, calling <paramref name="notified"/> with each job's name. After a lost
    /// connection it listens again (back-off up to <see cref="MaxReconnectDelay"/>) and calls <paramref name="reconnected"/>,
    /// since whatever was notified meanwhile was missed.
    /// </summary>
    public async Task ListenAsync(Action<string> notified, Action reconnected, CancellationToken stopping)
    {
        var (failures, connectedBefore) = (0, false);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ListenerConnectionString());
                connection.Notification += (_, e) => notified(e.Payload);
                await connection.OpenAsync(stopping);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                (_listening, failures) = (true, 0);
                if (connectedBefore)
                {
                    LogListening(logger);
                    reconnected();
                }

                connectedBefore = true;
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _listening = false;
                var delay = JobHost.Backoff(++failures, MaxReconnectDelay);
                LogListenFailed(logger, delay, exception.Message);
                try
                {
                    await Task.Delay(delay, clock, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            finally
            {
                _listening = false;
            }
        }
    }

    /// <summary>The configured database, on a connection of its own (not pooled: pooling would reset it and drop the LISTEN).</summary>
    private string ListenerConnectionString() => new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
    {
        Pooling = false,

        // Idle for hours between notifications: keepalives find a dead connection instead of waiting on it forever.
        KeepAlive = 30,
        ApplicationName = "masthead-jobs-listener",
    }.ConnectionString;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the other nodes to run {Job} ({Reason}); their poll will")]
    private static partial void LogNotifyFailed(ILogger logger, string job, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for job wake-ups failed ({Reason}); trying again in {Delay}")]
    private static partial void LogListenFailed(ILogger logger, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for job wake-ups again; every job runs now in case one was missed")]
    private static partial void LogListening(ILogger logger);
}
