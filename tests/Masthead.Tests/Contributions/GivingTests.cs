using System.Net;
using Masthead.Contributions;
using Masthead.Payments.Sandbox;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

public abstract class GivingTests(MastheadFactory factory)
{
    [Fact]
    public async Task Two_dollars_a_month_through_the_sandbox_makes_a_supporter_a_subscription_and_a_ledger_line()
    {
        using var reader = factory.CreateBrowserClient(out var cookies);
        var email = $"reader-{EditorDesk.Unique()}@example.org";

        var checkoutId = await SupportDesk.GiveAsync(factory, reader, email);

        Assert.NotNull(cookies[SupporterPass.CookieName]);
        var (supporter, subscription, ledger) = await factory.WithDbAsync(async db =>
        {
            var checkout = await db.Checkouts.SingleAsync(c => c.Id == checkoutId);
            var s = await db.Supporters.SingleAsync(x => x.Id == checkout.SupporterId);
            return (s, await db.Subscriptions.SingleAsync(x => x.SupporterId == s.Id), await db.Contributions.Where(x => x.SupporterId == s.Id).ToListAsync());
        });
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(new Money(200, "USD"), subscription.Money);
        Assert.Equal(Frequency.Monthly, subscription.Frequency);
        var line = Assert.Single(ledger);
        Assert.Equal((200, "USD", ContributionKind.Payment), (line.Amount, line.Currency, line.Kind));
        Assert.DoesNotContain(email, supporter.EmailProtected);
        Assert.True(supporter.Anonymous);
        Assert.Null(supporter.Name);
    }

    [Fact]
    public async Task A_monthly_gift_renews_when_the_month_has_passed_and_not_before()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        await SupportDesk.GiveAsync(own, reader, "renewing@example.org", "5");

        // The renewal job runs on the same clock in the background; either may charge first, and a period is charged once.
        async Task<List<long>> RenewAsync()
        {
            await using (var scope = own.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SandboxRenewals>().RenewDueAsync(CancellationToken.None);
            }

            return await own.WithDbAsync(db => db.Contributions.OrderBy(c => c.OccurredAt).Select(c => c.Amount).ToListAsync());
        }

        own.Clock.Advance(TimeSpan.FromDays(27));
        Assert.Equal([500L], await RenewAsync());
        own.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal([500L, 500L], await RenewAsync());
        Assert.Equal([500L, 500L], await RenewAsync());
    }

    [Fact]
    public async Task A_one_time_gift_in_euros_makes_no_subscription()
    {
        using var reader = factory.CreateBrowserClient();
        var checkoutId = await SupportDesk.GiveAsync(factory, reader, $"once-{EditorDesk.Unique()}@example.org", "10", "OneTime", "EUR");
        var (subscriptions, line) = await factory.WithDbAsync(async db =>
        {
            var supporterId = await db.Checkouts.Where(c => c.Id == checkoutId).Select(c => c.SupporterId).SingleAsync();
            return (await db.Subscriptions.CountAsync(s => s.SupporterId == supporterId), await db.Contributions.SingleAsync(c => c.SupporterId == supporterId));
        });
        Assert.Equal(0, subscriptions);
        Assert.Equal((1000, "EUR", Frequency.OneTime), (line.Amount, line.Currency, line.Frequency));
    }

    [Theory]
    [InlineData("1.50", "Monthly", "USD", "The smallest monthly contribution is $2.")]
    [InlineData("0.50", "OneTime", "USD", "The smallest one-time contribution is $1.")]
    [InlineData("two dollars", "Monthly", "USD", "Enter the amount as a number, like 5 or 7.50.")]
    [InlineData("2.555", "Monthly", "USD", "Use at most two decimals.")]
    [InlineData("-5", "Monthly", "USD", "The amount must be more than zero.")]
    [InlineData("250000", "Monthly", "USD", "We can accept at most $10,000 at once.")]
    [InlineData("5", "Weekly", "USD", "Choose monthly, annual or one-time.")]
    [InlineData("5", "Monthly", "XYZ", "We accept USD, EUR.")]
    public async Task An_amount_we_cannot_take_comes_back_with_a_clear_message_and_the_email_kept(string amount, string frequency, string currency, string message)
    {
        using var reader = factory.CreateBrowserClient();
        var email = $"kept-{EditorDesk.Unique()}@example.org";

        using var response = await SupportDesk.SubmitAsync(factory, reader, email, amount, frequency, currency);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(email, EditorDesk.FieldValue(page, "Form.Email"));
        Assert.False(await factory.WithDbAsync(db => db.Checkouts.AnyAsync(c => c.EmailHash == Masthead.Tests.Contributions.SupportDesk.HashOf(factory, email))));
    }

    [Fact]
    public async Task A_suggested_amount_that_is_not_on_offer_is_refused()
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await SupportDesk.SubmitAsync(factory, reader, "x@example.org", "", amount: "1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one of the amounts, or type another.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_or_malformed_email_is_refused_beside_the_field()
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await SupportDesk.SubmitAsync(factory, reader, "not-an-address", "5");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("does not look like an email address", page.QuerySelector("[data-valmsg-for='Form.Email']")!.TextContent);
        Assert.Equal("5", EditorDesk.FieldValue(page, "Form.OtherAmount"));
    }

    [Theory]
    [InlineData("Decline", "declined, and nothing was charged")]
    [InlineData("Cancel", "cancelled, and nothing was charged")]
    public async Task A_declined_or_cancelled_payment_returns_to_the_form_with_the_amount_kept_and_neither_address_nor_name_shown(string handler, string message)
    {
        using var reader = factory.CreateBrowserClient(out var cookies);
        var email = $"back-{EditorDesk.Unique()}@example.org";
        var name = $"Back Reader {EditorDesk.Unique()}";
        using var form = await SupportDesk.SubmitAsync(factory, reader, email, "7.50", name: name, anonymous: false);
        var paymentPage = form.Headers.Location!.PathAndQuery;

        using var ended = await factory.PostFormAsync(reader, paymentPage, [], $"{paymentPage}?handler={handler}");

        Assert.StartsWith("/support?retry=", ended.Headers.Location!.OriginalString);
        var page = await factory.GetPageAsync(reader, ended.Headers.Location.OriginalString);
        Assert.Contains(message, page.QuerySelector(".notice-problem")!.TextContent);
        Assert.Equal("7.50", EditorDesk.FieldValue(page, "Form.OtherAmount"));

        // Whoever finds the link in the browser's history learns nothing about who typed it.
        Assert.DoesNotContain(email.Split('@')[0], page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(name, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Null(cookies[SupporterPass.CookieName]);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Contributions.CountAsync(c => c.Amount == 750)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GivingTestsOnSqlite(SqliteFactory factory) : GivingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class GivingTestsOnPostgres(PostgresFactory factory) : GivingTests(factory);
