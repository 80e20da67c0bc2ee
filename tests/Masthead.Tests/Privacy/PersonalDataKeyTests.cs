using System.Runtime.Versioning;
using System.Security.Cryptography;
using Masthead.Privacy;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Privacy;

public sealed class PersonalDataKeyTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("masthead-keys-").FullName;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_first_start_creates_a_key_file_only_its_owner_can_read_and_the_next_start_reuses_it()
    {
        var first = Start();
        var keyFile = Path.Combine(_dataDirectory, "keys", "personal-data.key");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(keyFile)!));
        Assert.Equal(PersonalData.KeyBytes, new FileInfo(keyFile).Length);
        Assert.Equal(["personal-data.key"], Directory.GetFiles(Path.GetDirectoryName(keyFile)!).Select(Path.GetFileName));

        var second = Start();
        Assert.Equal("jane@example.org", second.Unprotect(first.Protect("jane@example.org")));
        Assert.Equal(first.LookupHash("jane@example.org"), second.LookupHash("jane@example.org"));
    }

    [Fact]
    public void A_configured_key_is_used_instead_of_a_key_file()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes));

        var protectedText = Start(key).Protect("jane@example.org");

        Assert.Equal("jane@example.org", Start(key).Unprotect(protectedText));
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory, "keys")));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    public void A_malformed_configured_key_stops_the_start_with_a_message_naming_the_setting(string key)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Start(key));

        Assert.Contains("Masthead:Privacy:Key must be the base64 of exactly 32 random bytes", failure.Message);
        Assert.DoesNotContain(key, failure.Message);
    }

    [Fact]
    public void A_damaged_key_file_stops_the_start_and_is_never_replaced()
    {
        var keyFile = Path.Combine(Directory.CreateDirectory(Path.Combine(_dataDirectory, "keys")).FullName, "personal-data.key");
        File.WriteAllBytes(keyFile, new byte[5]);

        var failure = Assert.Throws<InvalidOperationException>(() => Start());

        Assert.Contains("holds 5 bytes, not 32", failure.Message);
        Assert.Equal(5, new FileInfo(keyFile).Length);
    }

    [Fact]
    public async Task The_app_does_not_start_with_a_malformed_key()
    {
        await using var factory = new SqliteFactory { Settings = { ["Masthead:Privacy:Key"] = "too short" } };

        Assert.Contains("Masthead:Privacy:Key must be the base64", StartChecks.Refusal(factory));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private PersonalData Start(string? key = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Masthead:DataDirectory"] = _dataDirectory,
            ["Masthead:Privacy:Key"] = key,
        }).Build();
        return new ServiceCollection().AddPrivacy(configuration).BuildServiceProvider().GetRequiredService<PersonalData>();
    }
}
