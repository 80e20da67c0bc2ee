namespace Masthead.Jobs;

/// <summary>What one job has done on this node so far.</summary>
/// <param name="Runs">Runs started here (failed ones included).</param>
/// <param name="Failures">Runs that threw, and lease checks that did (the database was down before the run could start).</param>
/// <param name="Skipped">Times the job was due or woken here while another node held its lease.</param>
/// <param name="FailuresInARow">Failures since the last run that worked; sets the back-off.</param>
/// <param name="LastRunAt">When the last run here started.</param>
/// <param name="NextRunAt">When the job is next due here, on the app's clock.</param>
/// <param name="Waiting">Idle with its timer set, so a move of the clock or a wake-up is seen.</param>
public sealed record JobState(long Runs, long Failures, long Skipped, int FailuresInARow, DateTimeOffset? LastRunAt, DateTimeOffset NextRunAt, bool Waiting);
