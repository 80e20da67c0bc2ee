using Masthead.Data;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Operations;

/// <summary>The database answers and its schema is this version's: no migration is pending.</summary>
internal sealed class DatabaseReady(MastheadDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("unreachable");
        }

        // Read from the migrations history table, so a database restored from an older backup is not ready either.
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        return pending.Any() ? HealthCheckResult.Unhealthy("migrations pending") : HealthCheckResult.Healthy();
    }
}

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

/// <summary>
/// The personal-data key can be read: the configured one parses, or the key file is there and whole. Unlike the
/// start, the check never makes a key file: a key gone missing from a running server is for a person to restore.
/// </summary>
internal sealed class PersonalDataKeyReadable(PersonalDataKeys keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            // A configured key that does not parse throws InvalidOperationException, as it would at start.
            var readable = keys.Configured
                ? keys.Read().Current.Length == PersonalData.KeyBytes
                : File.Exists(keys.KeyFilePath) && File.ReadAllBytes(keys.KeyFilePath).Length == PersonalData.KeyBytes;
            return Task.FromResult(readable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("missing or not whole"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("unreadable"));
        }
    }
}
