using System.Net;
using System.Security.Cryptography;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Nodes;

/// <summary>
/// Two app nodes on one PostgreSQL database, each with a data directory of its own and the same personal-data key in
/// its settings: what one signs, the other honours, and the keys that sign are in the database only in sealed form.
/// </summary>
// In the PostgreSQL collection: one after another with the other PostgreSQL tests, whose real processes they would otherwise starve.
[Collection(PostgresCollection.Name)]
public sealed class KeyRingAcrossNodesTests
{
    private static readonly string SharedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_staff_cookie_and_an_antiforgery_token_made_on_one_node_are_honoured_on_the_other()
    {
        await using var a = new PostgresFactory { Settings = { ["Masthead:Privacy:Key"] = SharedKey } };
        var (editor, cookies) = await a.SignedInWithCookiesAsync(a.AdminEmail, a.AdminPassword);
        using var signedIn = editor;
        await using var b = a.OtherNode();

        // The admin's cookie, made by A, opens B's admin.
        using var onB = b.CreateDefaultClient(MastheadFactory.BaseAddress);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/admin/authors"))
        {
            request.Headers.Add("Cookie", cookies.HeaderFor(new Uri(MastheadFactory.BaseAddress, "/admin/authors")));
            using var page = await onB.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // A form fetched from A and posted to B: B accepts A's antiforgery token and form stamp.
        var form = await Html.GetPageAsync(editor, "/admin/authors");
        using (var post = new HttpRequestMessage(HttpMethod.Post, "/admin/authors"))
        {
            post.Headers.Add("Cookie", cookies.HeaderFor(new Uri(MastheadFactory.BaseAddress, "/admin/authors")));
            post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [Html.AntiforgeryField] = Html.AntiforgeryToken(form, "/admin/authors")!,
                ["Input.Name"] = "Ines Across-Nodes",
            });
            using var saved = await onB.SendAsync(post);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.True(await a.WithDbAsync(db => db.Authors.AnyAsync(x => x.Name == "Ines Across-Nodes")));
        Assert.Equal("honoured", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test")
            .Unprotect(a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("honoured")));
    }

    [Fact]
    public async Task The_key_ring_is_in_the_database_sealed_and_in_no_node_s_data_directory()
    {
        await using var a = new PostgresFactory { Settings = { ["Masthead:Privacy:Key"] = SharedKey } };
        using var editor = await a.SignedInAdminAsync();

        var keys = await a.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("personalDataSealed", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.False(Directory.Exists(Path.Combine(a.DataDirectory, "keys")) && Directory.EnumerateFiles(Path.Combine(a.DataDirectory, "keys"), "key-*.xml").Any());
    }

    [Fact]
    public async Task A_node_whose_personal_data_key_reads_nothing_in_the_database_refuses_to_start_naming_the_setting()
    {
        await using var a = new PostgresFactory { Settings = { ["Masthead:Privacy:Key"] = SharedKey } };

        // Signing in the first time sets up two-factor sign-in: the admin's secret is stored, encrypted with the key.
        using var editor = await a.SignedInAdminAsync();

        await using var stranger = a.OtherNode();
        stranger.Settings["Masthead:Privacy:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var failure = await RefusedStartAsync(stranger);
        Assert.Contains("cannot read the personal data already in the database", failure, StringComparison.Ordinal);
        Assert.Contains("Masthead:Privacy:Key", failure, StringComparison.Ordinal);

        await using var keyless = a.OtherNode();
        keyless.Settings.Remove("Masthead:Privacy:Key");
        var keylessFailure = await RefusedStartAsync(keyless);
        Assert.Contains($"the key file {Path.Combine(keyless.DataDirectory, "keys", "personal-data.key")}", keylessFailure, StringComparison.Ordinal);
    }

    /// <summary>Starts the real program as another node on <paramref name="node"/>'s settings; it must refuse in one sentence, exit code 3, no stack trace.</summary>
    private static async Task<string> RefusedStartAsync(PostgresFactory node)
    {
        var (exitCode, output, error) = await MastheadProcess.RunToExitAsync(node.AppSettings(), ["--urls", $"http://127.0.0.1:{MastheadProcess.FreePort()}"]);
        Assert.True(exitCode == 3, $"exit code {exitCode}:\n{output}\n{error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return error;
    }
}
