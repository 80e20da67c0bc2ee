namespace Masthead.Jobs;

/// <summary>A row of <c>JobLeases</c>: the node that runs the job <see cref="Name"/> until <see cref="ExpiresAt"/>.</summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
