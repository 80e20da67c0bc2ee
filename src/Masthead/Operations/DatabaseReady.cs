using Masthead.Data;
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
