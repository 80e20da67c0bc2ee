using System.Security.Cryptography;
using System.Text;
using Masthead.Email;
using Masthead.Privacy;

namespace Masthead.Tests.Privacy;

public sealed class PersonalDataTests
{
    private readonly PersonalData _data = new(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes));

    [Theory]
    [InlineData("jane@example.org")]
    [InlineData("Анна Смирнова, ул. Тверская 7, Москва")]
    [InlineData("")]
    public void A_protected_value_unprotects_to_the_same_text(string plaintext)
    {
        var protectedText = _data.Protect(plaintext);

        Assert.StartsWith(_data.CurrentPrefix, protectedText);
        Assert.Matches("^v2\\.[0-9a-f]{8}:", protectedText);
        Assert.Equal(plaintext, _data.Unprotect(protectedText));
    }

    [Fact]
    public void The_same_value_protected_twice_gives_two_different_ciphertexts()
    {
        Assert.NotEqual(_data.Protect("jane@example.org"), _data.Protect("jane@example.org"));
    }

    [Fact]
    public void The_ciphertext_contains_nothing_of_the_plaintext()
    {
        var protectedText = _data.Protect("jane@example.org");
        var bytes = Convert.FromBase64String(protectedText[_data.CurrentPrefix.Length..]);

        Assert.DoesNotContain("jane", protectedText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(-1, bytes.AsSpan().IndexOf("jane@example.org"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void A_value_with_any_byte_flipped_is_refused(int position)
    {
        var bytes = Convert.FromBase64String(_data.Protect("jane@example.org")[_data.CurrentPrefix.Length..]);
        bytes[position < 0 ? bytes.Length + position : position] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => _data.Unprotect(_data.CurrentPrefix + Convert.ToBase64String(bytes)));
    }

    [Theory]
    [InlineData("jane@example.org")]
    [InlineData("v2:AAAA")]
    [InlineData("v1:not base64!")]
    [InlineData("v1:AAAA")]
    public void Text_that_is_not_a_protected_value_is_refused(string text)
    {
        Assert.ThrowsAny<CryptographicException>(() => _data.Unprotect(text));
    }

    [Fact]
    public void A_value_from_before_key_ids_is_still_read_by_the_key_that_made_it_and_by_no_other()
    {
        var key = RandomNumberGenerator.GetBytes(PersonalData.KeyBytes);
        var legacy = ProtectAsVersionOne(key, "jane@example.org");

        Assert.Equal("jane@example.org", new PersonalData(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes), key).Unprotect(legacy));
        Assert.Equal("jane@example.org", new PersonalData(key).Unprotect(legacy));
        Assert.ThrowsAny<CryptographicException>(() => _data.Unprotect(legacy));
    }

    [Fact]
    public void A_retired_key_still_reads_and_finds_what_it_made_but_new_values_use_the_current_key()
    {
        var oldKey = RandomNumberGenerator.GetBytes(PersonalData.KeyBytes);
        var old = new PersonalData(oldKey);
        var ring = new PersonalData(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes), oldKey);
        var before = old.Protect("jane@example.org");

        Assert.Equal("jane@example.org", ring.Unprotect(before));
        Assert.NotEqual(old.CurrentPrefix, ring.CurrentPrefix);
        Assert.StartsWith(ring.CurrentPrefix, ring.Protect("jane@example.org"));
        Assert.Null(old.TryUnprotect(ring.Protect("jane@example.org")));
        Assert.Equal([ring.LookupHash("jane@example.org"), old.LookupHash("jane@example.org")], ring.LookupHashes("Jane@Example.org"));
    }

    [Fact]
    public void A_value_relabelled_as_another_key_s_is_refused()
    {
        var oldKey = RandomNumberGenerator.GetBytes(PersonalData.KeyBytes);
        var ring = new PersonalData(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes), oldKey);
        var value = ring.Protect("jane@example.org");
        var relabelled = new PersonalData(oldKey).CurrentPrefix + value[ring.CurrentPrefix.Length..];

        Assert.ThrowsAny<CryptographicException>(() => ring.Unprotect(relabelled));
    }

    /// <summary>What PersonalData.Protect wrote before values named their key.</summary>
    private static string ProtectAsVersionOne(byte[] masterKey, string plaintext)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: Encoding.UTF8.GetBytes("masthead personal-data encryption v1"));
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), "v1"u8);
        return "v1:" + Convert.ToBase64String(sealedBytes);
    }

    [Fact]
    public void A_value_protected_under_another_key_is_refused()
    {
        var other = new PersonalData(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes));

        Assert.ThrowsAny<CryptographicException>(() => _data.Unprotect(other.Protect("jane@example.org")));
    }

    [Fact]
    public void The_lookup_hash_is_the_same_for_an_address_however_it_was_typed()
    {
        Assert.Equal(_data.LookupHash("jane@example.org"), _data.LookupHash("  Jane@Example.ORG "));
        Assert.Equal(_data.LookupHash("zoë@example.org"), _data.LookupHash("ZOE\u0308@example.org"));
        Assert.NotEqual(_data.LookupHash("jane@example.org"), _data.LookupHash("jane2@example.org"));
    }

    [Fact]
    public void The_lookup_hash_differs_under_another_key_and_reveals_nothing_of_the_address()
    {
        var other = new PersonalData(RandomNumberGenerator.GetBytes(PersonalData.KeyBytes));
        var hash = _data.LookupHash("jane@example.org");

        Assert.NotEqual(hash, other.LookupHash("jane@example.org"));
        Assert.DoesNotContain("jane", hash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(43, hash.Length);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("jane@example.org"))), hash);
    }

    [Fact]
    public void Normalizing_an_address_trims_and_lower_cases_it()
    {
        Assert.Equal("jane@example.org", EmailAddresses.Normalize("  Jane@Example.ORG "));
    }

    [Fact]
    public void A_master_key_that_is_not_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PersonalData(new byte[16]));
    }
}
