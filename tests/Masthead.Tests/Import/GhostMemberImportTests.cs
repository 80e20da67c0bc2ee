using Masthead.Contributions;
using Masthead.Import;
using Masthead.Payments.Stripe;
using Masthead.Privacy;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Masthead.Tests.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Import;

/// <summary>
/// Ghost's members CSV imported into a Masthead taking payments through <see cref="FakeStripe"/>: paying members become
/// supporters with their Stripe subscriptions, whose next invoice.paid webhook lands in their ledger.
/// </summary>
public abstract class GhostMemberImportTests(MastheadFactory factory) : WithFakeStripe(factory), IDisposable
{
    private const string Header = "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers";

    private readonly MastheadFactory shared = factory;
    private readonly ImportFiles files = new();
    private readonly string unique = Guid.NewGuid().ToString("N")[..10];

    public void Dispose()
    {
        files.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_paying_member_becomes_an_active_supporter_with_their_subscription_and_its_next_invoice_lands_in_their_ledger()
    {
        var (email, customer) = ($"grace-{unique}@example.org", $"cus_{unique}");
        var subscriptionId = Stripe.Subscribe(customer, 700, "usd", "month", Now.AddDays(-20));
        Stripe.Subscribe(customer, 900, "usd", "month", Now.AddDays(-90), status: "canceled");

        var (runId, report) = await ImportAsync(Own, Csv(Paying(email, customer, "Grace Hopper")));

        Assert.NotNull(runId);
        Assert.Equal(1, report.Counts["supporter imported"]);
        Assert.Equal(1, report.Counts["subscription imported"]);
        var data = Own.Services.GetRequiredService<PersonalData>();
        var supporter = await Own.WithDbAsync(db => db.Supporters.Include(s => s.Subscriptions).SingleAsync(s => s.Provider == StripeProvider.ProviderName && s.CustomerRef == customer));
        Assert.Equal(SupportDesk.HashOf(Own, email), supporter.EmailHash);
        Assert.Equal(email, data.Unprotect(supporter.EmailProtected!));
        Assert.Equal("Grace Hopper", data.Unprotect(supporter.Name!));
        var subscription = Assert.Single(supporter.Subscriptions);
        Assert.Equal((subscriptionId, SubscriptionStatus.Active, 700L, "USD", Frequency.Monthly), (subscription.ProviderRef, subscription.Status, subscription.Amount, subscription.Currency, subscription.Frequency));
        Assert.All(Stripe.Calls, call => Assert.Equal("GET", call.Method));

        await FakeStripe.DeliverAndApplyAsync(Own, [Stripe.Renew(subscriptionId, Now)]);

        var contribution = await Own.WithDbAsync(db => db.Contributions.SingleAsync(c => c.SubscriptionRef == subscriptionId));
        Assert.Equal((supporter.Id, 700L, "USD", ContributionKind.Payment), (contribution.SupporterId, contribution.Amount, contribution.Currency, contribution.Kind));
        Assert.Equal(1, await Own.WithDbAsync(db => db.Supporters.CountAsync(s => s.CustomerRef == customer)));
        Assert.Equal(1, await Own.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.ProviderRef == subscriptionId)));
        var kept = await Own.WithDbAsync(db => db.ImportRuns.SingleAsync(r => r.Id == runId));
        Assert.Equal(ImportSources.GhostMembers, kept.Source);
        Assert.DoesNotContain(email, kept.ReportJson, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Importing_the_same_members_again_makes_no_duplicates()
    {
        var customer = $"cus_{unique}";
        Stripe.Subscribe(customer, 1200, "eur", "year", Now.AddDays(-10));
        var csv = Csv(Paying($"ada-{unique}@example.org", customer, "Ada"), Complimentary($"comp-{unique}@example.org", ""));

        await ImportAsync(Own, csv);
        var (_, again) = await ImportAsync(Own, csv);

        Assert.False(again.Counts.ContainsKey("supporter imported"));
        Assert.False(again.Counts.ContainsKey("subscription imported"));
        Assert.Equal(2, again.Counts["supporter matched"]);
        Assert.Equal(1, again.Counts["subscription matched"]);
        Assert.Equal(2, await Own.WithDbAsync(db => db.Supporters.CountAsync()));
        Assert.Equal(1, await Own.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.Frequency == Frequency.Annual && s.Amount == 1200 && s.Currency == "EUR")));
    }

    [Fact]
    public async Task Complimentary_and_free_members_are_counted_apart_and_only_complimentary_ones_become_supporters()
    {
        var (comp, free) = ($"comp-{unique}@example.org", $"free-{unique}@example.org");

        var (_, report) = await ImportAsync(Own, Csv(Complimentary(comp, ""), Free(free)));

        Assert.Equal(1, report.Counts["member complimentary"]);
        Assert.Equal(1, report.Counts["member free: not made a supporter"]);
        Assert.Equal(1, report.Counts["supporter imported"]);
        var supporters = await Own.WithDbAsync(db => db.Supporters.ToListAsync());
        var supporter = Assert.Single(supporters);
        Assert.Equal((GhostMemberImport.ComplimentaryProvider, SupportDesk.HashOf(Own, comp)), (supporter.Provider, supporter.EmailHash));
        Assert.Null(supporter.Name);
        Assert.True(supporter.Anonymous);
        Assert.Empty(Stripe.Calls);
    }

    [Fact]
    public async Task A_row_without_a_valid_email_is_skipped_and_reported()
    {
        var (_, report) = await ImportAsync(Own, Csv($"m1,not-an-address,Nobody,,false,true,,,,,", Complimentary($"ok-{unique}@example.org", "Okay")));

        Assert.Equal(1, report.Counts["ghost member skipped: no valid email"]);
        Assert.Equal(1, report.Counts["supporter imported"]);
        Assert.Contains(report.Warnings, w => w.Contains("line 2", StringComparison.Ordinal));
        Assert.Equal(1, await Own.WithDbAsync(db => db.Supporters.CountAsync()));
    }

    [Fact]
    public async Task A_dry_run_reports_what_it_would_do_asks_stripe_read_only_and_writes_nothing()
    {
        var customer = $"cus_{unique}";
        Stripe.Subscribe(customer, 500, "usd", "month", Now.AddDays(-3));
        var runsBefore = await Own.WithDbAsync(db => db.ImportRuns.CountAsync());

        var (runId, report) = await ImportAsync(Own, Csv(Paying($"dry-{unique}@example.org", customer, "Dry"), Complimentary($"c-{unique}@example.org", "")), dryRun: true);

        Assert.Null(runId);
        Assert.Equal(2, report.Counts["supporter imported"]);
        Assert.Equal(1, report.Counts["subscription imported"]);
        Assert.Equal((0, 0, runsBefore), await Own.WithDbAsync(async db => (await db.Supporters.CountAsync(), await db.Subscriptions.CountAsync(), await db.ImportRuns.CountAsync())));
        Assert.Contains(Stripe.Calls, call => call is { Method: "GET", Path: "/v1/subscriptions" });
        Assert.All(Stripe.Calls, call => Assert.Equal("GET", call.Method));
    }

    [Fact]
    public async Task Without_stripe_configured_a_paying_member_is_imported_without_subscriptions_and_the_report_says_why()
    {
        var customer = $"cus_{unique}";

        var (_, report) = await ImportAsync(shared, Csv(Paying($"nostripe-{unique}@example.org", customer, "No Stripe")));

        Assert.Equal(1, report.Counts["stripe customer not checked: Stripe is not configured"]);
        var supporter = await shared.WithDbAsync(db => db.Supporters.Include(s => s.Subscriptions).SingleAsync(s => s.CustomerRef == customer));
        Assert.Equal(StripeProvider.ProviderName, supporter.Provider);
        Assert.Empty(supporter.Subscriptions);
        Assert.Empty(Stripe.Calls);
    }

    [Fact]
    public async Task The_command_prints_the_report_and_keeps_the_run_and_its_dry_run_writes_nothing()
    {
        var path = files.Write($"members-{unique}.csv", Csv(Complimentary($"cli-{unique}@example.org", "Cli"), Free($"f-{unique}@example.org")));

        var (dryExit, dryOutput, dryError) = await DataCareDesk.RunCommandAsync(Own, "import", "ghost-members", path, "--dry-run");
        Assert.True(dryExit == 0, dryError);
        Assert.Contains("Dry run: nothing was written.", dryOutput, StringComparison.Ordinal);
        Assert.Equal(0, await Own.WithDbAsync(db => db.Supporters.CountAsync()));

        var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(Own, "import", "ghost-members", path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("1  member complimentary", output, StringComparison.Ordinal);
        Assert.Contains("1  member free: not made a supporter", output, StringComparison.Ordinal);
        Assert.Contains("1  supporter imported", output, StringComparison.Ordinal);
        Assert.Contains("readable in the admin under Import", output, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", output + error, StringComparison.Ordinal);
        Assert.Equal(1, await Own.WithDbAsync(db => db.Supporters.CountAsync()));
        Assert.True(await Own.WithDbAsync(db => db.ImportRuns.AnyAsync(r => r.Source == ImportSources.GhostMembers && r.State == ImportRunState.Finished)));
    }

    private async Task<(int? RunId, ImportReport Report)> ImportAsync(MastheadFactory app, string csv, bool dryRun = false)
    {
        var path = files.Write($"members-{Guid.NewGuid():N}.csv", csv);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GhostMemberImport>().RunAsync(path, "members.csv", dryRun, actor: null, default);
    }

    private static string Csv(params string[] rows) => string.Join("\n", [Header, .. rows]) + "\n";

    private static string Paying(string email, string customer, string name) =>
        $"p-{customer},{email},\"{name}\",,true,false,{customer},2024-01-15T10:00:00.000Z,,,Supporter";

    private static string Complimentary(string email, string name) => $"c-{email},{email},{name},,true,true,,2024-02-01T00:00:00.000Z,,,";

    private static string Free(string email) => $"f-{email},{email},Free Reader,,true,false,,,,,";
}

[Collection(SqliteCollection.Name)]
public sealed class GhostMemberImportTestsOnSqlite(SqliteFactory factory) : GhostMemberImportTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class GhostMemberImportTestsOnPostgres(PostgresFactory factory) : GhostMemberImportTests(factory);
