using System.Net;
using Masthead.Privacy;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Staff;

/// <summary>
/// Every combination of first steps a staff member can owe (a handed-out password to replace, two-factor sign-in an
/// admin must set up) reaches the admin in a bounded number of redirects, each step in its fixed order, and no admin
/// page ever sends to a step that sends back.
/// </summary>
public abstract class FirstStepsTests(MastheadFactory factory)
{
    private const int MostRedirects = 3;

    private static readonly string[] Starts = ["/admin", FirstSteps.PasswordPath, TwoFactorSteps.SetupPath, "/admin/articles/new", "/admin/account/sessions"];

    public static TheoryData<StaffRole, bool, bool> Combinations()
    {
        var data = new TheoryData<StaffRole, bool, bool>();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            foreach (var mustChangePassword in new[] { false, true })
            {
                foreach (var hasTwoFactor in new[] { false, true })
                {
                    data.Add(role, mustChangePassword, hasTwoFactor);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_combination_of_first_steps_reaches_the_admin_in_order_without_a_loop(StaffRole role, bool mustChangePassword, bool hasTwoFactor)
    {
        var (email, password) = await AddStaffAsync(role, mustChangePassword, hasTwoFactor);
        using var client = factory.CreateBrowserClient();
        using var signedIn = await TwoFactorSteps.PasswordAsync(factory, client, email, password);
        var next = signedIn.Headers.Location!.OriginalString;
        if (next == TwoFactorSteps.CodePath)
        {
            using var answered = await TwoFactorSteps.AnswerAsync(factory, client, await TwoFactorSteps.FreshCodeAsync(factory, email));
            next = answered.Headers.Location!.OriginalString;
        }

        var owed = new List<string>();
        if (mustChangePassword)
        {
            owed.Add(FirstSteps.PasswordPath);
        }

        if (role == StaffRole.Admin && !hasTwoFactor)
        {
            owed.Add(TwoFactorSteps.SetupPath);
        }

        var met = new List<string>();
        for (var stepsDone = 0; stepsDone <= owed.Count; stepsDone++)
        {
            var expected = stepsDone < owed.Count ? owed[stepsDone] : null;
            foreach (var start in Starts)
            {
                var (landed, redirects) = await FollowAsync(client, start);
                Assert.True(redirects <= MostRedirects, $"{start} took {redirects} redirects ({role}, steps owed: {string.Join(", ", owed.Skip(stepsDone))}).");
                Assert.Equal(expected ?? start, landed);
            }

            var (page, _) = await FollowAsync(client, next);
            Assert.Equal(expected ?? "/admin", page);
            met.Add(page);
            next = page switch
            {
                FirstSteps.PasswordPath => await ChoosePasswordAsync(client, password),
                TwoFactorSteps.SetupPath => await EnrolAsync(client),
                _ => next,
            };
        }

        Assert.Equal([.. owed, "/admin"], met);
    }

    /// <summary>Follows redirects from <paramref name="url"/> to a page that answers 200; throws on anything else or a loop.</summary>
    private static async Task<(string Path, int Redirects)> FollowAsync(HttpClient client, string url)
    {
        var seen = new List<string>();
        for (var redirects = 0; redirects <= 10; redirects++)
        {
            seen.Add(url);
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (url, redirects);
            }

            Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} after {string.Join(" -> ", seen)}.");
            var location = response.Headers.Location!;
            url = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        }

        throw new InvalidOperationException($"A redirect loop: {string.Join(" -> ", seen)}");
    }

    private async Task<string> ChoosePasswordAsync(HttpClient client, string current)
    {
        using var response = await factory.PostFormAsync(client, FirstSteps.PasswordPath, new Dictionary<string, string>
        {
            ["Input.Current"] = current,
            ["Input.New"] = "a password of my own choosing",
            ["Input.Confirm"] = "a password of my own choosing",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private async Task<string> EnrolAsync(HttpClient client)
    {
        await TwoFactorSteps.EnrolAsync(factory, client);
        return "/admin";
    }

    private Task<(string Email, string Password)> AddStaffAsync(StaffRole role, bool mustChangePassword, bool hasTwoFactor) =>
        factory.WithDbAsync(async db =>
        {
            var email = $"first-steps-{EditorDesk.Unique()}@masthead.test";
            const string Password = "handed out on the console";
            var staff = new StaffMember { Email = email, DisplayName = $"{role} {EditorDesk.Unique()}", Role = role, MustChangePassword = mustChangePassword };
            staff.PasswordHash = factory.Services.GetRequiredService<IPasswordHasher<StaffMember>>().HashPassword(staff, Password);
            if (hasTwoFactor)
            {
                staff.TotpSecretProtected = factory.Services.GetRequiredService<PersonalData>().Protect(Totp.ToBase32(Totp.NewSecret()));
            }

            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return (email, Password);
        });
}

[Collection(SqliteCollection.Name)]
public sealed class FirstStepsTestsOnSqlite(SqliteFactory factory) : FirstStepsTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class FirstStepsTestsOnPostgres(PostgresFactory factory) : FirstStepsTests(factory);
