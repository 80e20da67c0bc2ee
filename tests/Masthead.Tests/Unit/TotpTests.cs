using System.Security.Cryptography;
using System.Text;
using Masthead.Staff;

namespace Masthead.Tests.Unit;

public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B: eight-digit codes at these Unix times, 30-second steps, for each hash.
    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixTime, string sha1, string sha256, string sha512)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));
        Assert.Equal(sha1, Totp.Code(Sha1Seed, step, digits: 8));
        Assert.Equal(sha256, Totp.Code(Sha256Seed, step, digits: 8, HashAlgorithmName.SHA256));
        Assert.Equal(sha512, Totp.Code(Sha512Seed, step, digits: 8, HashAlgorithmName.SHA512));
    }

    [Fact]
    public void The_six_digit_code_is_the_last_six_digits_of_the_eight()
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109));
        Assert.Equal("081804", Totp.Code(Sha1Seed, step));
    }

    [Fact]
    public void A_code_is_taken_one_step_either_side_of_now_but_not_two()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step), now));
        Assert.Equal(step - 1, Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step - 1), now));
        Assert.Equal(step + 1, Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step + 1), now));
        Assert.Null(Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step - 2), now));
        Assert.Null(Totp.MatchingStep(Sha1Seed, Totp.Code(Sha1Seed, step + 2), now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")]
    public void Anything_but_six_digits_matches_nothing(string? code) =>
        Assert.Null(Totp.MatchingStep(Sha1Seed, code, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Fact]
    public void Spaces_people_type_in_a_code_are_forgiven()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(59);
        var code = Totp.Code(Sha1Seed, Totp.StepAt(now));
        Assert.NotNull(Totp.MatchingStep(Sha1Seed, $"{code[..3]} {code[3..]}", now));
    }

    // RFC 4648 section 10, without the padding authenticator apps do not want.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_matches_RFC_4648_and_reads_back(string text, string base32)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(base32, Totp.ToBase32(bytes));
        Assert.Equal(bytes, Totp.FromBase32(base32.ToLowerInvariant()));
        Assert.Equal(bytes, Totp.FromBase32(base32 + "======"));
    }

    [Fact]
    public void A_fresh_secret_survives_base32_and_is_not_base32_of_anything_else()
    {
        var secret = Totp.NewSecret();
        Assert.Equal(Totp.SecretBytes, secret.Length);
        Assert.Equal(secret, Totp.FromBase32(Totp.ToBase32(secret)));
        Assert.Null(Totp.FromBase32("not base32!"));
    }

    [Fact]
    public void The_key_uri_names_the_newsroom_as_issuer_and_carries_the_secret()
    {
        var uri = Totp.KeyUri(Sha1Seed, "The Independent Ledger", "editor@example.org");
        Assert.Equal(
            "otpauth://totp/The%20Independent%20Ledger:editor%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" +
            "&issuer=The%20Independent%20Ledger&algorithm=SHA1&digits=6&period=30",
            uri);
    }
}
