using Masthead.Appeals;
using Masthead.Contributions;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

public abstract partial class MastheadDb
{
    private const int Reference = 255;

    /// <summary>A name of up to 200 characters, sealed by PersonalData.Protect: up to 800 bytes, plus nonce and tag, in base64 with its prefix.</summary>
    private const int ProtectedName = 1200;

    /// <summary>The appeal, contributions and the payment-event inbox.</summary>
    private static void OnMoneyModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Appeal>(appeal =>
        {
            appeal.Property(a => a.Name).HasMaxLength(100);
            appeal.Property(a => a.BodyMarkdown).HasMaxLength(Appeal.MaxBody);
            appeal.Property(a => a.ContinueLabel).HasMaxLength(60);
            appeal.Property(a => a.NotTodayLine).HasMaxLength(60);
            appeal.Property(a => a.SnoozeLabel).HasMaxLength(60);
        });
        modelBuilder.Entity<Checkout>(checkout =>
        {
            checkout.Property(c => c.Id).HasMaxLength(32);
            checkout.Property(c => c.Provider).HasMaxLength(20);
            checkout.Property(c => c.ProviderSessionId).HasMaxLength(Reference);
            checkout.HasIndex(c => new { c.Provider, c.ProviderSessionId });
            checkout.Property(c => c.Currency).HasMaxLength(3);
            checkout.Property(c => c.Frequency).HasConversion<string>().HasMaxLength(10);
            checkout.Property(c => c.Status).HasConversion<string>().HasMaxLength(10);
            checkout.Property(c => c.EmailProtected).HasMaxLength(1000);
            checkout.Property(c => c.EmailHash).HasMaxLength(100);
            checkout.Property(c => c.Name).HasMaxLength(ProtectedName);
        });
        modelBuilder.Entity<Supporter>(supporter =>
        {
            supporter.HasIndex(s => new { s.Provider, s.CustomerRef }).IsUnique();
            supporter.HasIndex(s => s.EmailHash);
            supporter.HasIndex(s => s.PreviousEmailHash);
            supporter.Property(s => s.Provider).HasMaxLength(20);
            supporter.Property(s => s.CustomerRef).HasMaxLength(Reference);
            supporter.Property(s => s.EmailProtected).HasMaxLength(1000);
            supporter.Property(s => s.EmailHash).HasMaxLength(100);
            supporter.Property(s => s.PreviousEmailHash).HasMaxLength(100);
            supporter.Property(s => s.Name).HasMaxLength(ProtectedName);
            supporter.HasMany(s => s.Subscriptions).WithOne().HasForeignKey(s => s.SupporterId);
            supporter.HasMany(s => s.Contributions).WithOne().HasForeignKey(c => c.SupporterId);
        });
        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.HasIndex(s => new { s.Provider, s.ProviderRef }).IsUnique();
            subscription.HasIndex(s => new { s.Status, s.RenewsAt });
            subscription.Property(s => s.Provider).HasMaxLength(20);
            subscription.Property(s => s.ProviderRef).HasMaxLength(Reference);
            subscription.Property(s => s.Currency).HasMaxLength(3);
            subscription.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(10);
            subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(10);
        });
        modelBuilder.Entity<Contribution>(contribution =>
        {
            contribution.HasIndex(c => new { c.Provider, c.ProviderRef }).IsUnique();
            contribution.Property(c => c.Provider).HasMaxLength(20);
            contribution.Property(c => c.ProviderRef).HasMaxLength(Reference);
            contribution.Property(c => c.SubscriptionRef).HasMaxLength(Reference);
            contribution.Property(c => c.Currency).HasMaxLength(3);
            contribution.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
            contribution.Property(c => c.Frequency).HasConversion<string>().HasMaxLength(10);
        });
        modelBuilder.Entity<MagicLink>(link =>
        {
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.Property(l => l.TokenHash).HasMaxLength(64);
            link.Property(l => l.EmailHash).HasMaxLength(100);
        });
        modelBuilder.Entity<SupporterPassToken>(token =>
        {
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.SupporterId);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasOne<Supporter>().WithMany().HasForeignKey(t => t.SupporterId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<LinkRequest>(request => request.Property(r => r.EmailProtected).HasMaxLength(1000));
        modelBuilder.Entity<Reminder>(reminder =>
        {
            reminder.HasIndex(r => r.DueAt);
            reminder.Property(r => r.EmailProtected).HasMaxLength(1000);
        });
        modelBuilder.Entity<PaymentEvent>(paymentEvent =>
        {
            paymentEvent.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
            paymentEvent.HasIndex(e => e.ProcessedAt);
            paymentEvent.HasIndex(e => e.SupporterId);
            paymentEvent.Property(e => e.Provider).HasMaxLength(20);
            paymentEvent.Property(e => e.EventId).HasMaxLength(Reference);
            paymentEvent.Property(e => e.Type).HasMaxLength(100);
            paymentEvent.Property(e => e.LastError).HasMaxLength(2000);
        });
    }
}
