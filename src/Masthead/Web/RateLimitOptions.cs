namespace Masthead.Web;

/// <summary>
/// <c>Masthead:RateLimits</c>: how often one client address may post each public form, and how often one mailbox
/// may be sent a reminder or a supporter's link. A limit counts posts, whatever became of them.
/// </summary>
public sealed class RateLimitOptions
{
    public FormLimit SignIn { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(5) };

    public FormLimit Support { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(10) };

    public FormLimit Remind { get; set; } = new() { Permits = 10, Window = TimeSpan.FromHours(1) };

    public FormLimit Restore { get; set; } = new() { Permits = 10, Window = TimeSpan.FromHours(1) };

    public FormLimit RemindPerEmail { get; set; } = new() { Permits = 3, Window = TimeSpan.FromDays(1) };

    /// <summary>The reader script's counting events from one address (readers behind one address share it: a newsroom's office, a carrier's NAT).</summary>
    public FormLimit AppealEvents { get; set; } = new() { Permits = 600, Window = TimeSpan.FromMinutes(10) };

    public FormLimit RestorePerEmail { get; set; } = new() { Permits = 3, Window = TimeSpan.FromHours(1) };

    public FormLimit Newsletter { get; set; } = new() { Permits = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>Sign-ups for one mailbox: each sends a confirmation email, which must not become a way to flood someone's inbox.</summary>
    public FormLimit NewsletterPerEmail { get; set; } = new() { Permits = 3, Window = TimeSpan.FromDays(1) };

    /// <summary>Saves of articles and appeals by one staff member: each renders Markdown, the costliest thing a post asks for.</summary>
    public FormLimit SavesPerStaffMember { get; set; } = new() { Permits = 60, Window = TimeSpan.FromMinutes(10) };
}
