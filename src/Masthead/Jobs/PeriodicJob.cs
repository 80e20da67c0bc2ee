namespace Masthead.Jobs;

/// <summary>
/// A background job: <see cref="Run"/> is called in a fresh service scope once at start, then every <see cref="Interval"/>
/// of the app's clock, and at once when woken (<see cref="JobHost.WakeAsync"/>). Unless <see cref="EveryNode"/>, it runs
/// on one node at a time on PostgreSQL, under a lease (<see cref="JobLeases"/>).
/// </summary>
public sealed record PeriodicJob(string Name, TimeSpan Interval, Func<IServiceProvider, CancellationToken, Task> Run, bool EveryNode);
