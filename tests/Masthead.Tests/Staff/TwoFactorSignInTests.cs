using System.Net;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Staff;

public abstract class TwoFactorSignInTests(MastheadFactory factory)
{
    private static readonly string[] WrongGuesses = ["123456", "654321", "111111"];

    [Fact]
    public async Task Wrong_expired_and_replayed_codes_are_refused_with_a_message_and_the_code_kept()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using (var setup = await factory.SignedInClientAsync(email, password))
        {
            await TwoFactorSteps.EnrolAsync(factory, setup);
        }

        var (secret, usedStep) = await TwoFactorSteps.SecretAsync(factory, email);
        var now = Totp.StepAt(factory.Clock.GetUtcNow());
        Assert.Equal(now, usedStep);
        using var client = factory.CreateBrowserClient();
        using (var passwordStep = await TwoFactorSteps.PasswordAsync(factory, client, email, password))
        {
            Assert.Equal(TwoFactorSteps.CodePath, passwordStep.Headers.Location!.OriginalString);
        }

        var window = new[] { now - 1, now, now + 1 }.Select(step => Totp.Code(secret, step)).ToHashSet();
        var wrong = WrongGuesses.First(code => !window.Contains(code));
        await TwoFactorSteps.RefusedAsync(factory, client, wrong, "not right or has expired");
        await TwoFactorSteps.RefusedAsync(factory, client, Totp.Code(secret, now - 2), "not right or has expired");
        await TwoFactorSteps.RefusedAsync(factory, client, Totp.Code(secret, now), "already been used");

        factory.Clock.Advance(Totp.Step);
        using var accepted = await TwoFactorSteps.AnswerAsync(factory, client, Totp.Code(secret, now + 1));
        Assert.Equal("/admin", accepted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task One_code_sent_from_two_browsers_at_once_signs_in_only_one()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using (var setup = await factory.SignedInClientAsync(email, password))
        {
            await TwoFactorSteps.EnrolAsync(factory, setup);
        }

        using var first = factory.CreateBrowserClient();
        using var second = factory.CreateBrowserClient();
        using var firstPassword = await TwoFactorSteps.PasswordAsync(factory, first, email, password);
        using var secondPassword = await TwoFactorSteps.PasswordAsync(factory, second, email, password);
        var code = await TwoFactorSteps.FreshCodeAsync(factory, email);

        var answers = await Task.WhenAll(TwoFactorSteps.AnswerAsync(factory, first, code), TwoFactorSteps.AnswerAsync(factory, second, code));
        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(answers, answer => answer.StatusCode == HttpStatusCode.Unauthorized);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_never_again()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        TwoFactorSteps.Enrolment enrolment;
        using (var setup = await factory.SignedInClientAsync(email, password))
        {
            enrolment = await TwoFactorSteps.EnrolAsync(factory, setup);
        }

        var recovery = enrolment.RecoveryCodes[3].ToUpperInvariant();
        using (var first = factory.CreateBrowserClient())
        {
            using var passwordStep = await TwoFactorSteps.PasswordAsync(factory, first, email, password);
            using var answered = await TwoFactorSteps.AnswerAsync(factory, first, recovery);
            Assert.Equal("/admin", answered.Headers.Location!.OriginalString);
            var account = await factory.GetPageAsync(first, TwoFactorSteps.SetupPath);
            Assert.Contains($"{TwoFactor.RecoveryCodeCount - 1} unused recovery codes", account.QuerySelector("main")!.TextContent);
        }

        using var second = factory.CreateBrowserClient();
        using var secondPassword = await TwoFactorSteps.PasswordAsync(factory, second, email, password);
        await TwoFactorSteps.RefusedAsync(factory, second, recovery, "not right or has expired");
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_throttle_like_wrong_passwords_for_that_address_only()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        byte[] secret;
        using (var setup = await factory.SignedInClientAsync(email, password))
        {
            secret = (await TwoFactorSteps.EnrolAsync(factory, setup)).Secret;
        }

        using var client = TestClientAddresses.From(factory.CreateBrowserClient(), "203.0.113.20");
        using (var wrongPassword = await TwoFactorSteps.PasswordAsync(factory, client, email, "not the password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        }

        using var passwordStep = await TwoFactorSteps.PasswordAsync(factory, client, email, password);
        var now = Totp.StepAt(factory.Clock.GetUtcNow());
        for (var i = 0; i < SignInThrottle.FreeFailures - 2; i++)
        {
            await TwoFactorSteps.RefusedAsync(factory, client, Totp.Code(secret, now - 3 - i), "not right or has expired");
        }

        using var throttled = await TwoFactorSteps.AnswerAsync(factory, client, Totp.Code(secret, now - 10));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many wrong codes from here", await throttled.Content.ReadAsStringAsync());

        using var evenRight = await TwoFactorSteps.AnswerAsync(factory, client, Totp.Code(secret, now + 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, evenRight.StatusCode);
        using var passwordToo = await TwoFactorSteps.PasswordAsync(factory, TestClientAddresses.From(factory.CreateBrowserClient(), "203.0.113.20"), email, password);
        Assert.Equal(HttpStatusCode.Unauthorized, passwordToo.StatusCode);

        using var elsewhere = await TwoFactorSteps.PasswordAsync(factory, TestClientAddresses.From(factory.CreateBrowserClient(), "198.51.100.20"), email, password);
        Assert.Equal(TwoFactorSteps.CodePath, elsewhere.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_code_step_left_too_long_starts_the_sign_in_over()
    {
        await using var own = factory.Fresh();
        var (email, password) = await EditorDesk.AddStaffAsync(own, StaffRole.Writer);
        using (var setup = await own.SignedInClientAsync(email, password))
        {
            await TwoFactorSteps.EnrolAsync(own, setup);
        }

        using var client = own.CreateBrowserClient(out var cookies);
        using var passwordStep = await TwoFactorSteps.PasswordAsync(own, client, email, password);
        var codePage = await own.GetPageAsync(client, TwoFactorSteps.CodePath);
        var token = Html.AntiforgeryToken(codePage, TwoFactorSteps.CodePath)!;
        var (antiforgery, pending) = (cookies["masthead_csrf"]!, cookies[StaffSignIn.PendingCookie]!);
        own.Clock.Advance(StaffSignIn.PendingLifetime);
        var code = await TwoFactorSteps.FreshCodeAsync(own, email);

        // The page left open too long: the browser has dropped the expired cookie.
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { [Html.AntiforgeryField] = token, ["Code"] = code }))
        using (var leftOpen = await client.PostAsync(new Uri(TwoFactorSteps.CodePath, UriKind.Relative), form))
        {
            Assert.Equal(HttpStatusCode.BadRequest, leftOpen.StatusCode);
            Assert.Contains("Signing in took too long", await leftOpen.Content.ReadAsStringAsync());
        }

        // A copy of the cookie sent after it expired is refused too: its expiry is inside, judged by the server.
        using var replayer = own.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = MastheadFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, TwoFactorSteps.CodePath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [Html.AntiforgeryField] = token, ["Code"] = code }),
        };
        request.Headers.Add("Cookie", $"masthead_csrf={antiforgery}; {StaffSignIn.PendingCookie}={pending}");
        using var copied = await replayer.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, copied.StatusCode);
        Assert.Contains("Signing in took too long", await copied.Content.ReadAsStringAsync());
        Assert.DoesNotContain(copied.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("masthead_staff=", StringComparison.Ordinal));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorSignInTestsOnSqlite(SqliteFactory factory) : TwoFactorSignInTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorSignInTestsOnPostgres(PostgresFactory factory) : TwoFactorSignInTests(factory);
