using System.Globalization;
using System.Net;
using Masthead.Contributions;
using Masthead.Payments.Sandbox;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>The supporter pass as a test holds it: its cookie, its renewal call, the appeal it hides, and the events that end it.</summary>
public static class PassDesk
{
    /// <summary>Whether <paramref name="path"/>, fetched as <paramref name="client"/> with JavaScript off, shows the appeal.</summary>
    public static async Task<bool> AppealShownAsync(MastheadFactory factory, HttpClient client, string path) =>
        (await factory.GetPageAsync(client, path)).QuerySelector("#appeal") is not null;

    /// <summary>The reader script's call.</summary>
    public static Task<HttpResponseMessage> RenewAsync(HttpClient client) =>
        client.PostAsync(new Uri(SupporterPassRenewal.Path, UriKind.Relative), null);

    /// <summary>Renews and asserts the answer's status.</summary>
    public static async Task RenewExpectingAsync(HttpClient client, HttpStatusCode expected)
    {
        using var response = await RenewAsync(client);
        Assert.True(response.StatusCode == expected, $"The renewal answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>When the pass in <paramref name="cookies"/> stops hiding appeals, as its clear part tells the reader script.</summary>
    public static DateTimeOffset EndsOf(TestCookieJar cookies) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(cookies[SupporterPass.CookieName]!.Split('.')[0], CultureInfo.InvariantCulture));

    /// <summary>The token sealed in a pass's value, opened with the app's own key ring, as only the server can.</summary>
    public static string TokenOf(MastheadFactory factory, string passValue) =>
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Masthead.SupporterPass.v2")
            .Unprotect(passValue.Split('.')[2]).Split('|')[2];

    /// <summary>Copies the pass from one client's cookies to another's, as a thief with the cookie would.</summary>
    public static void Copy(TestCookieJar from, TestCookieJar to) =>
        to.Store(MastheadFactory.BaseAddress, $"{SupporterPass.CookieName}={from[SupporterPass.CookieName]}; Path=/");

    /// <summary>Opens the supporter's own page in <paramref name="browser"/> with a fresh magic link (no email needed).</summary>
    public static async Task OpenManagePageAsync(MastheadFactory factory, HttpClient browser, string email)
    {
        var hash = SupportDesk.HashOf(factory, email);
        var link = await factory.WithDbAsync(db => new MagicLinks(db, factory.Clock).IssueAsync(hash, MagicLinks.RequestedLifetime, CancellationToken.None));
        using var opened = await factory.PostFormAsync(browser, link, []);
        Assert.Equal("/support/manage", opened.Headers.Location?.OriginalString);
    }

    /// <summary>Presses Cancel on the supporter's only running subscription.</summary>
    public static async Task CancelAsync(MastheadFactory factory, HttpClient browser)
    {
        var manage = await factory.GetPageAsync(browser, "/support/manage");
        var id = manage.QuerySelector("input[name=subscription]")!.GetAttribute("value")!;
        using var cancelled = await factory.PostFormAsync(browser, "/support/manage", [new("subscription", id)], "/support/manage?handler=Cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
    }

    /// <summary>
    /// Charges what the sandbox has due, as its job does every minute, until no running subscription is due and no event
    /// waits: the job runs on the same clock in the background, and may be applying the same event at that moment.
    /// </summary>
    public static async Task RunRenewalsAsync(MastheadFactory factory)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SandboxRenewals>().RenewDueAsync(CancellationToken.None);
            }

            var now = factory.Clock.GetUtcNow();
            if (!await factory.WithDbAsync(async db => await db.Subscriptions.AnyAsync(s => s.Status == SubscriptionStatus.Active && s.RenewsAt <= now)
                || await db.PaymentEvents.AnyAsync(e => e.ProcessedAt == null)))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The sandbox's due renewals were not applied.");
    }

    /// <summary>The sandbox provider reports <paramref name="type"/> about the (only) subscription, now; the inbox applies it.</summary>
    public static async Task ReportAsync(MastheadFactory factory, string type, SubscriptionStatus? status = null)
    {
        var (customer, subscription) = await factory.WithDbAsync(db => db.Subscriptions.Join(db.Supporters, s => s.SupporterId, p => p.Id, (s, p) => new { p.CustomerRef, s.ProviderRef })
            .Select(x => new ValueTuple<string, string>(x.CustomerRef, x.ProviderRef)).SingleAsync());
        var reported = new SandboxEvent(type, customer, factory.Clock.GetUtcNow(), Subscription: subscription, Status: status);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PaymentInbox>()
                .RecordAsync(SandboxProvider.ProviderName, "evt_test_" + Guid.NewGuid().ToString("N"), type, SandboxProvider.Payload(reported), CancellationToken.None);
        }

        await factory.ApplyPaymentEventsAsync();
    }
}
