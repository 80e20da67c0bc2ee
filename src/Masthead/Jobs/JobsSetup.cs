using System.Text.RegularExpressions;

namespace Masthead.Jobs;

public static partial class JobsSetup
{
    /// <summary>
    /// Registers a job with the one <see cref="JobHost"/> (added with the first job). <paramref name="everyNode"/> is for
    /// work about the node itself, such as evicting its own page cache; other jobs run on one node at a time.
    /// </summary>
    public static IServiceCollection AddPeriodicJob(
        this IServiceCollection services, string name, TimeSpan interval, Func<IServiceProvider, CancellationToken, Task> run, bool everyNode = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!JobName().IsMatch(name) || name == JobHost.LeaseKeeper)
        {
            throw new ArgumentException($"A job's name is lower-case letters, digits and dashes, at most 100, and not {JobHost.LeaseKeeper}: {name}", nameof(name));
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A job's interval must be positive.");
        }

        if (services.Any(d => d.ImplementationInstance is PeriodicJob job && job.Name == name))
        {
            throw new InvalidOperationException($"The job {name} is registered twice.");
        }

        if (!services.Any(d => d.ServiceType == typeof(JobHost)))
        {
            services.AddSingleton<JobLeases>();
            services.AddSingleton<JobNotifications>();
            services.AddSingleton<JobHost>();
            services.AddHostedService(sp => sp.GetRequiredService<JobHost>());
        }

        services.AddSingleton(new PeriodicJob(name, interval, run, everyNode));
        return services;
    }

    /// <summary>As <see cref="AddPeriodicJob(IServiceCollection, string, TimeSpan, Func{IServiceProvider, CancellationToken, Task}, bool)"/>, calling one method of a service resolved in the run's scope.</summary>
    public static IServiceCollection AddPeriodicJob<TService>(
        this IServiceCollection services, string name, TimeSpan interval, Func<TService, CancellationToken, Task> run, bool everyNode = false)
        where TService : notnull =>
        services.AddPeriodicJob(name, interval, (scope, cancellationToken) => run(scope.GetRequiredService<TService>(), cancellationToken), everyNode);

    [GeneratedRegex("^[a-z0-9-]{1,100}$")]
    private static partial Regex JobName();
}
