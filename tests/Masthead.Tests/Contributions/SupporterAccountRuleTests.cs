using Masthead.Contributions;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>The supporter's account where no page form reaches: what a manage session opens, and whose gifts it may change.</summary>
public abstract class SupporterAccountRuleTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_session_opens_only_its_supporter_s_gifts_and_another_s_is_neither_changed_nor_cancelled()
    {
        var mine = await GiveAsync("5");
        var theirs = await GiveAsync("7");
        await using var scope = factory.Services.CreateAsyncScope();
        var account = scope.ServiceProvider.GetRequiredService<SupporterAccount>();
        var me = await account.OpenAsync(RequestWithSession(scope.ServiceProvider, mine.Hash), default);

        Assert.NotNull(me);
        Assert.Equal([mine.Subscription.Id], me.Subscriptions.Select(s => s.Id));
        var errors = new ModelStateDictionary();
        Assert.Equal(AccountChange.Result.NotFound, (await account.CancelAsync(me, theirs.Subscription.Id, errors, default)).Outcome);
        Assert.Equal(AccountChange.Result.NotFound, (await account.ChangeAmountAsync(me, theirs.Subscription.Id, "20", errors, default)).Outcome);
        var changed = await account.ChangeAmountAsync(me, mine.Subscription.Id, "9", errors, default);

        Assert.Equal((AccountChange.Result.Done, "From the next payment, you give $9 a month."), (changed.Outcome, changed.Notice));
        var after = await factory.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.Id == mine.Subscription.Id || s.Id == theirs.Subscription.Id)
            .OrderBy(s => s.Id).Select(s => new { s.Status, s.Amount }).ToListAsync());
        Assert.Equal([new { Status = SubscriptionStatus.Active, Amount = 900L }, new { theirs.Subscription.Status, theirs.Subscription.Amount }], after);
        Assert.Null(await account.OpenAsync(new DefaultHttpContext().Request, default));
    }

    private async Task<(string Hash, Subscription Subscription)> GiveAsync(string amount)
    {
        using var reader = factory.CreateBrowserClient();
        var email = $"account-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, email, amount);
        var hash = SupportDesk.HashOf(factory, email);
        var subscription = await factory.WithDbAsync(db =>
            db.Subscriptions.AsNoTracking().Where(s => db.Supporters.Any(p => p.Id == s.SupporterId && p.EmailHash == hash)).SingleAsync());
        return (hash, subscription);
    }

    /// <summary>A request carrying the manage session the magic link would have started for <paramref name="hash"/>.</summary>
    private static HttpRequest RequestWithSession(IServiceProvider services, string hash)
    {
        var started = new DefaultHttpContext();
        services.GetRequiredService<ManageSession>().Start(started.Response, hash);
        var cookie = started.Response.Headers.SetCookie.ToString();
        var request = new DefaultHttpContext().Request;
        request.Headers.Cookie = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        return request;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupporterAccountRuleTestsOnSqlite(SqliteFactory factory) : SupporterAccountRuleTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SupporterAccountRuleTestsOnPostgres(PostgresFactory factory) : SupporterAccountRuleTests(factory);
