using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Newsletters;

internal sealed class NewsletterListConfiguration : IEntityTypeConfiguration<NewsletterList>
{
    public void Configure(EntityTypeBuilder<NewsletterList> list)
    {
        list.Property(l => l.Edition).HasMaxLength(Editions.Edition.CodeLength);
        list.Property(l => l.Name).HasMaxLength(NewsletterList.NameLength);
        list.Property(l => l.Description).HasMaxLength(NewsletterList.DescriptionLength);
        list.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        list.HasIndex(l => new { l.Edition, l.Position });
    }
}

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> subscriber)
    {
        subscriber.Property(s => s.Edition).HasMaxLength(Editions.Edition.CodeLength);
        subscriber.Property(s => s.EmailProtected).HasMaxLength(1000);
        subscriber.Property(s => s.EmailHash).HasMaxLength(100);
        subscriber.Property(s => s.TokenHash).HasMaxLength(64);
        subscriber.Property(s => s.TokenProtected).HasMaxLength(1000);
        subscriber.HasIndex(s => new { s.Edition, s.EmailHash });
        subscriber.HasIndex(s => s.TokenHash).IsUnique();
        subscriber.HasIndex(s => s.ConfirmationAskedAt);
        subscriber.HasMany(s => s.Subscriptions).WithOne().HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NewsletterSubscriptionConfiguration : IEntityTypeConfiguration<NewsletterSubscription>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscription> subscription)
    {
        subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        subscription.HasIndex(s => new { s.SubscriberId, s.ListId }).IsUnique();
        subscription.HasIndex(s => new { s.ListId, s.Status });
        subscription.HasOne<NewsletterList>().WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NewsletterIssueConfiguration : IEntityTypeConfiguration<NewsletterIssue>
{
    public void Configure(EntityTypeBuilder<NewsletterIssue> issue)
    {
        issue.Property(i => i.Subject).HasMaxLength(NewsletterIssue.SubjectLength);
        issue.Property(i => i.IntroMarkdown).HasMaxLength(NewsletterIssue.IntroLength);
        issue.Property(i => i.ArticleIds).HasMaxLength(1000);
        issue.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        issue.Ignore(i => i.Articles);
        issue.Property(i => i.Occasion).HasMaxLength(NewsletterIssue.OccasionLength);
        issue.HasIndex(i => new { i.Status, i.SendAt });

        // Nulls are distinct on both databases: editors' issues never collide.
        issue.HasIndex(i => new { i.ListId, i.Occasion }).IsUnique();
        issue.HasOne<NewsletterList>().WithMany().HasForeignKey(i => i.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NewsletterDeliveryConfiguration : IEntityTypeConfiguration<NewsletterDelivery>
{
    public void Configure(EntityTypeBuilder<NewsletterDelivery> delivery)
    {
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.Error).HasMaxLength(NewsletterDelivery.ErrorLength);

        // One row per reader and issue: queuing twice (two nodes, a crash) adds nobody twice.
        delivery.HasIndex(d => new { d.IssueId, d.SubscriberId }).IsUnique();
        delivery.Property(d => d.DomainHash).HasMaxLength(100);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });

        // A domain's next batch, and what it was sent in the last minute (its rate).
        delivery.HasIndex(d => new { d.DomainHash, d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.DomainHash, d.SentAt });
        delivery.HasOne<NewsletterIssue>().WithMany().HasForeignKey(d => d.IssueId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne<Subscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}
