using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Contributions;
using Masthead.Jobs;
using Masthead.Search;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

/// <summary>The newsroom's database. Each provider has a thin subclass so each keeps its own migration set.</summary>
public abstract class MastheadDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<StaffRecoveryCode> StaffRecoveryCodes => Set<StaffRecoveryCode>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<AppealVariant> AppealVariants => Set<AppealVariant>();
    public DbSet<AppealTally> AppealTallies => Set<AppealTally>();
    public DbSet<Checkout> Checkouts => Set<Checkout>();
    public DbSet<Supporter> Supporters => Set<Supporter>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<MagicLink> MagicLinks => Set<MagicLink>();
    public DbSet<SupporterPassToken> SupporterPassTokens => Set<SupporterPassToken>();
    public DbSet<LinkRequest> LinkRequests => Set<LinkRequest>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<Newsletters.NewsletterList> NewsletterLists => Set<Newsletters.NewsletterList>();
    public DbSet<Newsletters.Subscriber> Subscribers => Set<Newsletters.Subscriber>();
    public DbSet<Newsletters.NewsletterSubscription> NewsletterSubscriptions => Set<Newsletters.NewsletterSubscription>();
    public DbSet<Newsletters.NewsletterIssue> NewsletterIssues => Set<Newsletters.NewsletterIssue>();
    public DbSet<Newsletters.NewsletterDelivery> NewsletterDeliveries => Set<Newsletters.NewsletterDelivery>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    /// <summary>Which node runs each background job, on PostgreSQL with several nodes (<see cref="Masthead.Jobs.JobLeases"/>).</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    /// <summary>On PostgreSQL, the key ring that signs cookies and tokens, shared by every node (encrypted, see <c>KeyRing</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>One row counting page-cache evictions, read by every node as the safety net of <see cref="PageCacheNodes"/>.</summary>
    public DbSet<CacheGeneration> CacheGenerations => Set<CacheGeneration>();

    /// <summary>Uploaded images, in the database so that every node serves them.</summary>
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();
    public DbSet<SitePages.SitePage> SitePages => Set<SitePages.SitePage>();
    public DbSet<Redirects.Redirect> Redirects => Set<Redirects.Redirect>();
    public DbSet<Import.ImportRun> ImportRuns => Set<Import.ImportRun>();
    public DbSet<Reach.Mirror> Mirrors => Set<Reach.Mirror>();

    /// <summary>Each entity's configuration sits beside it in its feature (an <see cref="IEntityTypeConfiguration{TEntity}"/>).</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(typeof(MastheadDb).Assembly);
}
