using System.Net;
using Masthead.Staff;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// What a staff member does with their authenticator app, done over HTTP: set it up from the key the page shows, and
/// answer the code step of signing in with a code computed from the secret and the factory's clock.
/// </summary>
public static class TwoFactorSteps
{
    public const string SetupPath = "/admin/account/two-factor";
    public const string CodePath = "/admin/signin/two-factor";

    /// <summary>What setting up two-factor sign-in gave: the secret (as the app holds it) and the recovery codes shown once.</summary>
    public sealed record Enrolment(byte[] Secret, IReadOnlyList<string> RecoveryCodes);

    /// <summary>Opens the set-up page, types the key it shows into "the app", confirms with the app's code, and reads the recovery codes.</summary>
    public static async Task<Enrolment> EnrolAsync(MastheadFactory factory, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var page = await Html.GetPageAsync(client, SetupPath);
        var secret = Totp.FromBase32(page.QuerySelector(".totp-secret")?.TextContent);
        Assert.True(secret is { Length: > 0 }, $"{SetupPath} shows no key to type in. {Html.Messages(page.DocumentElement.OuterHtml)}");
        using var response = await factory.PostFormAsync(client, SetupPath, new Dictionary<string, string>
        {
            ["ProtectedSecret"] = page.QuerySelector("input[name='ProtectedSecret']")!.GetAttribute("value")!,
            ["Code"] = Authenticator.CodeNow(secret!, factory.Clock),
        }, SetupPath + "/Enable");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Turning on two-factor answered {(int)response.StatusCode}: {Html.Messages(body)}");
        var codes = Html.Parse(body).QuerySelectorAll(".recovery-codes code").Select(code => code.TextContent).ToList();
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        return new Enrolment(secret!, codes);
    }

    /// <summary>A code the app would show now that the server has not yet accepted for <paramref name="email"/> (see <see cref="Authenticator.FreshCodeAsync"/>).</summary>
    public static Task<string> FreshCodeAsync(MastheadFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Authenticator.FreshCodeAsync(factory.Services, factory.Clock, email);
    }

    /// <summary>The authenticator secret stored for <paramref name="email"/>, read as the app would hold it, and the last step used.</summary>
    public static Task<(byte[] Secret, long? LastStep)> SecretAsync(MastheadFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Authenticator.StoredAsync(factory.Services, email);
    }

    /// <summary>Posts only the sign-in form's email and password, leaving the steps after it to the test.</summary>
    public static Task<HttpResponseMessage> PasswordAsync(MastheadFactory factory, HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.PostFormAsync(client, "/admin/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Answers the code step with <paramref name="code"/> and expects a 401 saying <paramref name="message"/>, the code kept in the field.</summary>
    public static async Task RefusedAsync(MastheadFactory factory, HttpClient client, string code, string message)
    {
        using var response = await AnswerAsync(factory, client, code);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(code, page.QuerySelector("input[name='Code']")?.GetAttribute("value"));
    }

    /// <summary>Posts <paramref name="code"/> to the code step of a sign-in whose password was just accepted.</summary>
    public static Task<HttpResponseMessage> AnswerAsync(MastheadFactory factory, HttpClient client, string code)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.PostFormAsync(client, CodePath, new Dictionary<string, string> { ["Code"] = code });
    }
}
