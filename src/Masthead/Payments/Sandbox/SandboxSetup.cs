using Masthead.Jobs;

namespace Masthead.Payments.Sandbox;

public static class SandboxSetup
{
    /// <summary>
    /// Registers the sandbox provider and its renewals job. It is registered whichever provider takes new contributions,
    /// so a site that moved to a real provider still reads what its sandbox reported.
    /// </summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddPaymentProvider<SandboxProvider>(SandboxProvider.ProviderName);
        services.AddScoped<SandboxRenewals>();
        services.AddPeriodicJob<SandboxRenewals>(SandboxRenewals.JobName, TimeSpan.FromMinutes(1), (renewals, cancellationToken) => renewals.RenewDueAsync(cancellationToken));
        return services;
    }
}
