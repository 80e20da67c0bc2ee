using System.Net;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Staff;

public abstract class TwoFactorTests(MastheadFactory factory)
{
    private static readonly string[] WrongGuesses = ["123456", "654321", "111111"];

    [Fact]
    public async Task A_writer_sets_up_two_factor_from_the_QR_code_and_then_needs_a_code_before_any_admin_cookie()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var writer = await factory.SignedInClientAsync(email, password);

        var setup = await factory.GetPageAsync(writer, TwoFactorSteps.SetupPath);
        var qr = setup.QuerySelector("img.qr-code")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(qr["data:image/png;base64,".Length..])[..4]);
        var key = setup.QuerySelector(".totp-secret")!.TextContent;
        var uri = setup.QuerySelector(".totp-uri")!.TextContent;
        Assert.StartsWith($"otpauth://totp/{Uri.EscapeDataString("The Meridian")}:", uri);
        Assert.Contains($"secret={key}&issuer={Uri.EscapeDataString("The Meridian")}", uri);

        var enrolment = await TwoFactorSteps.EnrolAsync(factory, writer);
        var stored = await factory.WithDbAsync(async db =>
        {
            var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Email == email);
            return (staff.TotpSecretProtected, Hashes: await db.StaffRecoveryCodes.Where(c => c.StaffMemberId == staff.Id).Select(c => c.CodeHash).ToListAsync());
        });
        Assert.StartsWith("v1:", stored.TotpSecretProtected);
        Assert.DoesNotContain(Totp.ToBase32(enrolment.Secret), stored.TotpSecretProtected!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TwoFactor.RecoveryCodeCount, stored.Hashes.Count);
        Assert.Empty(stored.Hashes.Intersect(enrolment.RecoveryCodes));

        using var again = factory.CreateBrowserClient(out var cookies);
        using (var passwordStep = await PasswordAsync(again, email, password))
        {
            Assert.Equal(TwoFactorSteps.CodePath, passwordStep.Headers.Location!.OriginalString);
        }

        Assert.DoesNotContain("masthead_staff", cookies.Names);
        using (var notYet = await again.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", notYet.Headers.Location!.ToString());
        }

        using (var answered = await TwoFactorSteps.AnswerAsync(factory, again, await TwoFactorSteps.FreshCodeAsync(factory, email)))
        {
            Assert.Equal("/admin", answered.Headers.Location!.OriginalString);
        }

        await factory.GetPageAsync(again, "/admin");
    }

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
        using (var passwordStep = await PasswordAsync(client, email, password))
        {
            Assert.Equal(TwoFactorSteps.CodePath, passwordStep.Headers.Location!.OriginalString);
        }

        var window = new[] { now - 1, now, now + 1 }.Select(step => Totp.Code(secret, step)).ToHashSet();
        var wrong = WrongGuesses.First(code => !window.Contains(code));
        await RefusedAsync(client, wrong, "not right or has expired");
        await RefusedAsync(client, Totp.Code(secret, now - 2), "not right or has expired");
        await RefusedAsync(client, Totp.Code(secret, now), "already been used");

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
        using var firstPassword = await PasswordAsync(first, email, password);
        using var secondPassword = await PasswordAsync(second, email, password);
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
            using var passwordStep = await PasswordAsync(first, email, password);
            using var answered = await TwoFactorSteps.AnswerAsync(factory, first, recovery);
            Assert.Equal("/admin", answered.Headers.Location!.OriginalString);
            var account = await factory.GetPageAsync(first, TwoFactorSteps.SetupPath);
            Assert.Contains($"{TwoFactor.RecoveryCodeCount - 1} unused recovery codes", account.QuerySelector("main")!.TextContent);
        }

        using var second = factory.CreateBrowserClient();
        using var secondPassword = await PasswordAsync(second, email, password);
        await RefusedAsync(second, recovery, "not right or has expired");
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up_and_can_do_nothing_else_until_then()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        using var admin = factory.CreateBrowserClient();
        using (var passwordStep = await PasswordAsync(admin, email, password))
        {
            Assert.Equal(TwoFactorSteps.SetupPath, passwordStep.Headers.Location!.OriginalString);
        }

        foreach (var url in new[] { "/admin", "/admin/staff", "/admin/supporters", "/admin/account/sessions" })
        {
            using var forced = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
            Assert.Equal(TwoFactorSteps.SetupPath, forced.Headers.Location!.OriginalString);
        }

        var setup = await factory.GetPageAsync(admin, TwoFactorSteps.SetupPath);
        Assert.Contains("Admins must use two-factor sign-in", setup.QuerySelector("main")!.TextContent);

        await TwoFactorSteps.EnrolAsync(factory, admin);
        await factory.GetPageAsync(admin, "/admin/staff");
    }

    [Fact]
    public async Task A_writer_without_two_factor_is_not_asked_for_it()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var writer = factory.CreateBrowserClient();
        using (var passwordStep = await PasswordAsync(writer, email, password))
        {
            Assert.Equal("/admin", passwordStep.Headers.Location!.OriginalString);
        }

        await factory.GetPageAsync(writer, "/admin");
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_lockout_like_wrong_passwords()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        byte[] secret;
        using (var setup = await factory.SignedInClientAsync(email, password))
        {
            secret = (await TwoFactorSteps.EnrolAsync(factory, setup)).Secret;
        }

        using var client = factory.CreateBrowserClient();
        using (var wrongPassword = await PasswordAsync(client, email, "not the password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        }

        using var passwordStep = await PasswordAsync(client, email, password);
        var now = Totp.StepAt(factory.Clock.GetUtcNow());
        for (var i = 0; i < StaffMember.MaxFailedSignIns - 2; i++)
        {
            await RefusedAsync(client, Totp.Code(secret, now - 3 - i), "not right or has expired");
        }

        using var locked = await TwoFactorSteps.AnswerAsync(factory, client, Totp.Code(secret, now - 10));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync());

        using var evenRight = await TwoFactorSteps.AnswerAsync(factory, client, Totp.Code(secret, now + 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, evenRight.StatusCode);
        using var passwordToo = await PasswordAsync(factory.CreateBrowserClient(), email, password);
        Assert.Equal(HttpStatusCode.TooManyRequests, passwordToo.StatusCode);
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
        using var passwordStep = await PasswordAsync(client, email, password, own);
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

    [Fact]
    public async Task Turning_two_factor_off_or_making_new_recovery_codes_needs_a_code_or_the_password()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var editor = await factory.SignedInClientAsync(email, password);
        var first = await TwoFactorSteps.EnrolAsync(factory, editor);

        using (var refused = await factory.PostFormAsync(editor, TwoFactorSteps.SetupPath,
            new Dictionary<string, string> { ["Confirmation"] = "a guess" }, TwoFactorSteps.SetupPath + "/Disable"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("neither a current code from your app nor your password", await refused.Content.ReadAsStringAsync());
        }

        using (var renewed = await factory.PostFormAsync(editor, TwoFactorSteps.SetupPath,
            new Dictionary<string, string> { ["Confirmation"] = await TwoFactorSteps.FreshCodeAsync(factory, email) }, TwoFactorSteps.SetupPath + "/RecoveryCodes"))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
            var codes = (await Html.ParseAsync(renewed)).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
            Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
            Assert.Empty(codes.Intersect(first.RecoveryCodes));
        }

        using var oldRecovery = factory.CreateBrowserClient();
        using (var passwordStep = await PasswordAsync(oldRecovery, email, password))
        {
            await RefusedAsync(oldRecovery, first.RecoveryCodes[0], "not right or has expired");
        }

        using (var off = await factory.PostFormAsync(editor, TwoFactorSteps.SetupPath,
            new Dictionary<string, string> { ["Confirmation"] = password }, TwoFactorSteps.SetupPath + "/Disable"))
        {
            Assert.Equal(TwoFactorSteps.SetupPath, off.Headers.Location!.OriginalString);
        }

        Assert.True(await factory.WithDbAsync(async db =>
        {
            var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Email == email);
            return staff.TotpSecretProtected is null && !await db.StaffRecoveryCodes.AnyAsync(c => c.StaffMemberId == staff.Id);
        }));
        using var withoutCode = factory.CreateBrowserClient();
        using var signedIn = await PasswordAsync(withoutCode, email, password);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_admin_resets_two_factor_for_a_colleague_who_lost_their_phone()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        using var colleague = await factory.SignedInClientAsync(email, password);
        var staffId = await factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        using var admin = await factory.SignedInAdminAsync();

        using (var reset = await factory.PostFormAsync(admin, "/admin/staff",
            new Dictionary<string, string> { ["staffId"] = staffId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/staff?handler=ResetTwoFactor"))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains("must set it up again at the next sign-in", await reset.Content.ReadAsStringAsync());
        }

        using (var signedOut = await colleague.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", signedOut.Headers.Location!.ToString());
        }

        using var again = factory.CreateBrowserClient();
        using var passwordStep = await PasswordAsync(again, email, password);
        Assert.Equal(TwoFactorSteps.SetupPath, passwordStep.Headers.Location!.OriginalString);
    }

    private Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email, string password, MastheadFactory? on = null) =>
        (on ?? factory).PostFormAsync(client, "/admin/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    private async Task RefusedAsync(HttpClient client, string code, string message)
    {
        using var response = await TwoFactorSteps.AnswerAsync(factory, client, code);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(code, EditorDesk.FieldValue(page, "Code"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorTestsOnSqlite(SqliteFactory factory) : TwoFactorTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorTestsOnPostgres(PostgresFactory factory) : TwoFactorTests(factory);
