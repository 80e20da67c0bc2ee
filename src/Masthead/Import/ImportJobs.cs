using System.Security.Claims;
using System.Threading.Channels;

namespace Masthead.Import;

/// <summary>An import confirmed in the admin: the run already recorded, the file waiting on disk, who asked.</summary>
public sealed record ImportJob(int RunId, ImportRequest Request, ClaimsPrincipal Actor, int StaffId, string StaffName);

/// <summary>
/// Runs the admin's imports one at a time, off the request that confirmed them, so the page can show progress and the
/// browser may be closed; the uploaded file is deleted when the run ends, whatever its end.
/// </summary>
public sealed partial class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger) : BackgroundService
{
    private readonly Channel<ImportJob> jobs = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(ImportJob job) => jobs.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ImportRunner>();
            try
            {
                await runner.RunAsync(job.Request, job.Actor, job.StaffId, job.StaffName, stoppingToken, job.RunId);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The runner has ended the run with its reason; a failure before it began (the file gone) is ended here.
                LogFailed(logger, failure, job.RunId);
                await runner.FailAsync(job.RunId, failure is ImportRefusedException ? failure.Message : ImportRunner.Interrupted);
            }
            finally
            {
                File.Delete(job.Request.Path);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {RunId} failed")]
    private static partial void LogFailed(ILogger logger, Exception failure, int runId);
}
