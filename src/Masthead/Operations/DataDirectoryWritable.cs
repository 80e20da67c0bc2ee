using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Operations;

/// <summary>A file can be made and removed in the data directory (uploaded images, the outbox, keys and SQLite live there).</summary>
internal sealed class DataDirectoryWritable(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(MastheadPaths.DataDirectory(configuration), $".ready-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("not writable");
        }
    }
}
