using Masthead.Privacy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Operations;

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
