using Masthead.Appeals;
using Masthead.Audit;
using Masthead.Articles;
using Masthead.Contributions;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

/// <summary>The newsroom's database. Each provider has a thin subclass so each keeps its own migration set.</summary>
public abstract partial class MastheadDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<StaffRecoveryCode> StaffRecoveryCodes => Set<StaffRecoveryCode>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<Checkout> Checkouts => Set<Checkout>();
    public DbSet<Supporter> Supporters => Set<Supporter>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<MagicLink> MagicLinks => Set<MagicLink>();
    public DbSet<SupporterPassToken> SupporterPassTokens => Set<SupporterPassToken>();
    public DbSet<LinkRequest> LinkRequests => Set<LinkRequest>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Article>(article =>
        {
            article.HasIndex(a => a.Slug).IsUnique();
            article.HasIndex(a => new { a.Status, a.PublishAt });

            // Newest first: the front page, feeds and sitemap read the archive in this order and stop after a page.
            article.HasIndex(a => a.PublishAt);
            article.Property(a => a.Slug).HasMaxLength(ArticleLimits.Slug);
            article.Property(a => a.Headline).HasMaxLength(ArticleLimits.Headline);
            article.Property(a => a.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
            article.Property(a => a.Dateline).HasMaxLength(ArticleLimits.Dateline);
            article.Property(a => a.CoverImage).HasMaxLength(100);
            article.Property(a => a.CoverAlt).HasMaxLength(ArticleLimits.CoverAlt);
            article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            article.HasMany(a => a.Authors).WithMany(a => a.Articles).UsingEntity("ArticleAuthors");
            article.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("ArticleTags");
            article.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ArticleRevision>(revision =>
        {
            revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
            revision.Property(r => r.Slug).HasMaxLength(ArticleLimits.Slug);
            revision.Property(r => r.Headline).HasMaxLength(ArticleLimits.Headline);
            revision.Property(r => r.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
            revision.Property(r => r.Dateline).HasMaxLength(ArticleLimits.Dateline);
            revision.Property(r => r.SavedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<Author>(author =>
        {
            author.HasIndex(a => a.Slug).IsUnique();
            author.Property(a => a.Name).HasMaxLength(200);
            author.Property(a => a.Slug).HasMaxLength(ArticleLimits.Slug);
            author.Property(a => a.Bio).HasMaxLength(2000);
        });
        modelBuilder.Entity<Tag>(tag =>
        {
            tag.HasIndex(t => t.Slug).IsUnique();
            tag.Property(t => t.Name).HasMaxLength(ArticleLimits.TagName);
            tag.Property(t => t.Slug).HasMaxLength(ArticleLimits.Slug);
        });
        modelBuilder.Entity<StaffMember>(staff =>
        {
            staff.HasIndex(s => s.Email).IsUnique();
            staff.Property(s => s.Email).HasMaxLength(254);
            staff.Property(s => s.DisplayName).HasMaxLength(200);
            staff.Property(s => s.PasswordHash).HasMaxLength(500);
            staff.Property(s => s.SecurityStamp).HasMaxLength(64);
            staff.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
            staff.HasOne<Author>().WithMany().HasForeignKey(s => s.AuthorId).OnDelete(DeleteBehavior.SetNull);
            staff.Property(s => s.TotpSecretProtected).HasMaxLength(200);
            staff.Ignore(s => s.HasTwoFactor);
            staff.Ignore(s => s.MustEnrolTwoFactor);
            staff.Ignore(s => s.IsActive);
        });
        modelBuilder.Entity<StaffSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(32);
            session.Property(s => s.UserAgent).HasMaxLength(StaffSession.UserAgentLength);
            session.HasOne(s => s.StaffMember).WithMany().HasForeignKey(s => s.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<StaffRecoveryCode>(code =>
        {
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.HasIndex(c => new { c.StaffMemberId, c.CodeHash }).IsUnique();
            code.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            // Read newest first, whole or for one staff member or one action.
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.StaffId, e.At });
            entry.HasIndex(e => new { e.Action, e.At });
            entry.Property(e => e.StaffName).HasMaxLength(AuditEntry.NameLength);
            entry.Property(e => e.StaffEmail).HasMaxLength(AuditEntry.EmailLength);
            entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionLength);
            entry.Property(e => e.Target).HasMaxLength(AuditEntry.TargetLength);
            entry.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailLength);
        });
        OnMoneyModelCreating(modelBuilder);
        OnJobsModelCreating(modelBuilder);
        OnNodesModelCreating(modelBuilder);
    }
}

/// <summary>The embedded default: one SQLite file, no server to run.</summary>
public sealed class SqliteMastheadDb(DbContextOptions<SqliteMastheadDb> options) : MastheadDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; as UTC ticks it can, and all our times are UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicks>();
    }
}

/// <summary>PostgreSQL, for newsrooms that outgrow one box.</summary>
public sealed class PostgresMastheadDb(DbContextOptions<PostgresMastheadDb> options) : MastheadDb(options);
