using System.Security.Cryptography;
using Masthead.Appeals;
using Masthead.Privacy;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Privacy;

/// <summary>rotate-key while the site serves: a second process on the same data directory rotates, the running one follows.</summary>
public abstract class KeyRotationTests(MastheadFactory factory)
{
    [Fact]
    public async Task After_a_rotation_while_serving_the_supporter_is_still_found_by_email_and_their_manage_page_still_works()
    {
        await using var own = factory.Fresh();
        using (await own.SignedInAdminAsync())
        {
            // Admins sign in with two-factor codes: their authenticator secret is protected with the same key.
        }

        using var reader = own.CreateBrowserClient();
        var email = $"rotating.{Guid.NewGuid():N}@example.org";
        await SupportDesk.GiveAsync(own, reader, email, "3", name: "Jane Rotated", anonymous: false);
        using (await own.PostFormAsync(reader, "/appeal/remind", new Dictionary<string, string> { ["Input.Email"] = "reminded@example.org", ["Input.When"] = "three-months" }))
        {
        }

        using var before = own.CreateBrowserClient();
        var receiptLink = await DataCareDesk.NewLinkToAsync(own, email);
        await DataCareDesk.OpenManagePageAsync(own, before, receiptLink);
        using (await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
        }

        var unusedOldLink = await DataCareDesk.NewLinkToAsync(own, email, [receiptLink]);
        var keyFile = Path.Combine(own.DataDirectory, "keys", "personal-data.key");
        var oldKey = await File.ReadAllBytesAsync(keyFile);

        await using (var operatorsProcess = own.Restarted())
        {
            var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(operatorsProcess, "rotate-key");
            Assert.True(exitCode == 0, output + error);
            Assert.Contains("Made the new key", output);
            Assert.Contains("Supporters.EmailProtected: 1 re-encrypted", output);
            Assert.Contains("Reminders.EmailProtected: 1 re-encrypted", output);
            Assert.Contains("Staff.TotpSecretProtected: 1 re-encrypted", output);
            Assert.Contains("PaymentEvents.Payload: 1 re-encrypted", output);
            Assert.Contains("Supporters.Name: 1 re-encrypted", output);
            Assert.Contains("Checkouts.Name: 1 re-encrypted", output);
        }

        Assert.NotEqual(oldKey, await File.ReadAllBytesAsync(keyFile));
        var oldKeyAlone = new PersonalData(oldKey);
        var stored = await StoredValuesAsync(own);
        Assert.Equal(7, stored.Count);
        Assert.All(stored, value => Assert.Null(oldKeyAlone.TryUnprotect(value)));
        Assert.DoesNotContain(oldKeyAlone.LookupHash(email), await own.WithDbAsync(db => db.Supporters.Select(s => s.EmailHash).ToListAsync()));

        // The serving app: the session and the link from before still open the page; the address is still found.
        var manage = await own.GetPageAsync(before, "/support/manage");
        Assert.Equal("$3 a month", manage.QuerySelector(".subscription h2")!.TextContent);
        using (var other = own.CreateBrowserClient())
        {
            await DataCareDesk.OpenManagePageAsync(own, other, unusedOldLink);
            Assert.Equal("$3 a month", (await own.GetPageAsync(other, "/support/manage")).QuerySelector(".subscription h2")!.TextContent);
        }

        using (await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = email.ToUpperInvariant() }))
        {
        }

        var newLink = await DataCareDesk.NewLinkToAsync(own, email, [receiptLink, unusedOldLink]);
        using (var fresh = own.CreateBrowserClient())
        {
            await DataCareDesk.OpenManagePageAsync(own, fresh, newLink);
            Assert.Equal("$3 a month", (await own.GetPageAsync(fresh, "/support/manage")).QuerySelector(".subscription h2")!.TextContent);
        }

        // The serving app writes under the new key without a restart, and the old key alone reads none of it.
        var newcomer = $"after.rotation.{Guid.NewGuid():N}@example.org";
        using (var second = own.CreateBrowserClient())
        {
            await SupportDesk.GiveAsync(own, second, newcomer, "4");
        }

        var data = own.Services.GetRequiredService<PersonalData>();
        var newValues = await StoredValuesAsync(own);
        Assert.All(newValues, value => Assert.StartsWith(data.CurrentPrefix, value));
        Assert.All(newValues, value => Assert.Null(oldKeyAlone.TryUnprotect(value)));
        Assert.Contains(newValues, value => data.Unprotect(value) == newcomer);

        // Retiring the old key: nothing uses it, so its file goes; sessions from before the rotation end with it.
        await using (var operatorsProcess = own.Restarted())
        {
            var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(operatorsProcess, "rotate-key", "--retire");
            Assert.True(exitCode == 0, output + error);
            Assert.Contains("Removed the retired keys", output);
        }

        Assert.Equal(["personal-data.key"], Directory.GetFiles(Path.GetDirectoryName(keyFile)!, "personal-data*").Select(Path.GetFileName));
        Assert.All(await StoredValuesAsync(own), value => Assert.NotNull(data.TryUnprotect(value)));
        using var afterRetire = await before.GetAsync(new Uri("/support/manage", UriKind.Relative));
        Assert.DoesNotContain("$3 a month", await afterRetire.Content.ReadAsStringAsync());
        using (await own.SignedInAdminAsync())
        {
            // The admin's authenticator still gives codes the site takes, under the new key alone.
        }
    }

    [Fact]
    public async Task A_rotation_stopped_half_way_is_finished_by_running_it_again_and_the_old_key_is_kept_until_then()
    {
        await using var own = factory.Fresh();
        var email = $"half.way.{Guid.NewGuid():N}@example.org";
        using (var giver = own.CreateBrowserClient())
        {
            await SupportDesk.GiveAsync(own, giver, email, "2");
        }

        var oldKey = await File.ReadAllBytesAsync(Path.Combine(own.DataDirectory, "keys", "personal-data.key"));
        Assert.Equal(0, (await DataCareDesk.RunCommandAsync(own, "rotate-key")).ExitCode);

        // As if the old process wrote one more value under the old key after the rotation's last pass.
        var late = new PersonalData(oldKey).Protect("late@example.org");
        await own.WithDbAsync(async db =>
        {
            db.Reminders.Add(new Reminder { EmailProtected = late, DueAt = own.Clock.GetUtcNow().AddDays(30), CreatedAt = own.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        var refused = await DataCareDesk.RunCommandAsync(own, "rotate-key", "--retire");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("1 values still use an older key, so no key was retired", refused.Error);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(own.DataDirectory, "keys"), "personal-data*").Length);

        var keyBefore = await File.ReadAllBytesAsync(Path.Combine(own.DataDirectory, "keys", "personal-data.key"));
        var resumed = await DataCareDesk.RunCommandAsync(own, "rotate-key");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("1 values are not yet under the current key", resumed.Output);
        Assert.Equal(keyBefore, await File.ReadAllBytesAsync(Path.Combine(own.DataDirectory, "keys", "personal-data.key")));

        var data = own.Services.GetRequiredService<PersonalData>();
        Assert.Equal("late@example.org", data.Unprotect(await own.WithDbAsync(db => db.Reminders.Select(r => r.EmailProtected).SingleAsync())));
        Assert.Equal(0, (await DataCareDesk.RunCommandAsync(own, "rotate-key", "--retire")).ExitCode);
        Assert.Single(Directory.GetFiles(Path.Combine(own.DataDirectory, "keys"), "personal-data*"));
        Assert.Equal(1, await own.WithDbAsync(db => db.Supporters.CountAsync(s => s.EmailHash == data.LookupHash(email))));
    }

    [Fact]
    public async Task A_configured_key_is_rotated_by_configuring_the_new_key_with_the_old_one_retired()
    {
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes));
        await using var own = factory.Fresh();
        own.Settings[PrivacySetup.KeySetting] = oldKey;
        var email = $"configured.{Guid.NewGuid():N}@example.org";
        using (var giver = own.CreateBrowserClient())
        {
            await SupportDesk.GiveAsync(own, giver, email, "2");
        }


        var unchanged = await DataCareDesk.RunCommandAsync(own, "rotate-key");
        Assert.Equal(0, unchanged.ExitCode);
        Assert.Contains($"add the current {PrivacySetup.KeySetting} to {PrivacySetup.RetiredKeysSetting}", unchanged.Output);

        await using var rotated = own.Restarted();
        rotated.Settings[PrivacySetup.KeySetting] = newKey;
        rotated.Settings[PrivacySetup.RetiredKeysSetting] = oldKey;
        var run = await DataCareDesk.RunCommandAsync(rotated, "rotate-key");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);

        var values = await StoredValuesAsync(rotated);
        var newAlone = new PersonalData(Convert.FromBase64String(newKey));
        Assert.Equal(3, values.Count);
        Assert.All(values, value => Assert.NotNull(newAlone.TryUnprotect(value)));
        Assert.Equal([email, email], await rotated.WithDbAsync(async db =>
            new[] { await db.Supporters.Select(s => s.EmailProtected!).SingleAsync(), await db.Checkouts.Select(c => c.EmailProtected).SingleAsync() }.Select(newAlone.Unprotect).ToList()));
        Assert.Equal(newAlone.LookupHash(email), await rotated.WithDbAsync(db => db.Supporters.Select(s => s.EmailHash).SingleAsync()));
        var retire = await DataCareDesk.RunCommandAsync(rotated, "rotate-key", "--retire");
        Assert.Equal(0, retire.ExitCode);
        Assert.Contains($"remove {PrivacySetup.RetiredKeysSetting} from the configuration", retire.Output);
    }

    [Fact]
    public async Task A_payment_event_payload_stored_in_clear_text_by_an_older_version_is_sealed_by_rotate_key_and_still_applied()
    {
        await using var own = factory.Fresh();
        using (var giver = own.CreateBrowserClient())
        {
            await SupportDesk.GiveAsync(own, giver, $"older.{Guid.NewGuid():N}@example.org", "2");
        }

        // As a version before sealed payloads stored it: the provider's JSON as it came, not yet applied.
        var customer = await own.WithDbAsync(db => db.Supporters.Select(s => s.CustomerRef).SingleAsync());
        var clear = Masthead.Payments.Sandbox.SandboxProvider.Payload(new Masthead.Payments.Sandbox.SandboxEvent(
            "invoice.paid", customer, own.Clock.GetUtcNow(), Payment: "pay_clear_text", Amount: 300, Currency: "USD"));
        await own.WithDbAsync(async db =>
        {
            db.PaymentEvents.Add(new Masthead.Contributions.PaymentEvent { Provider = "sandbox", EventId = "evt_clear_text", Type = "invoice.paid", Payload = clear, ReceivedAt = own.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        await using (var operatorsProcess = own.Restarted())
        {
            var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(operatorsProcess, "rotate-key");
            Assert.True(exitCode == 0, output + error);
            // Not under the current key, so the rotation finishes it under that key rather than making another.
            Assert.Contains("1 values are not yet under the current key", output);
            Assert.Contains("PaymentEvents.Payload: 1 re-encrypted", output);
        }

        var data = own.Services.GetRequiredService<PersonalData>();
        var sealedPayload = await own.WithDbAsync(db => db.PaymentEvents.Where(e => e.EventId == "evt_clear_text").Select(e => e.Payload).SingleAsync());
        Assert.StartsWith(data.CurrentPrefix, sealedPayload);
        Assert.Equal(clear, data.Unprotect(sealedPayload));
        await own.ApplyPaymentEventsAsync();
        Assert.Equal(1, await own.WithDbAsync(db => db.Contributions.CountAsync(c => c.ProviderRef == "pay_clear_text")));
    }

    /// <summary>Every protected value in the database.</summary>
    private static Task<List<string>> StoredValuesAsync(MastheadFactory own) => own.WithDbAsync(async db =>
        (await db.Supporters.Select(s => s.EmailProtected).ToListAsync())
        .Concat(await db.Checkouts.Select(c => c.EmailProtected).ToListAsync())
        .Concat(await db.Reminders.Select(r => r.EmailProtected).ToListAsync())
        .Concat(await db.Staff.Select(s => s.TotpSecretProtected).ToListAsync())
        .Concat(await db.PaymentEvents.Select(e => e.Payload).ToListAsync())
        .Concat(await db.Supporters.Select(s => s.Name).ToListAsync())
        .Concat(await db.Checkouts.Select(c => c.Name).ToListAsync())
        .OfType<string>().Where(v => v.Length > 0).ToList());
}

[Collection(SqliteCollection.Name)]
public sealed class KeyRotationTestsOnSqlite(SqliteFactory factory) : KeyRotationTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class KeyRotationTestsOnPostgres(PostgresFactory factory) : KeyRotationTests(factory);
