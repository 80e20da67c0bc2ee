using System.Net;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Safety;

/// <summary>A newsroom that names a security contact publishes it where researchers look for it (RFC 9116).</summary>
public abstract class SecurityTxtTests(MastheadFactory factory)
{
    [Fact]
    public async Task The_configured_contact_is_published_with_an_expiry_a_year_ahead()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SecurityContact"] = "mailto:security@meridian.example";
        using var client = own.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/.well-known/security.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "Contact: mailto:security@meridian.example",
                "Expires: 2027-11-02T00:00:00Z",
                "Preferred-Languages: en",
                "Canonical: https://localhost/.well-known/security.txt",
            ],
            lines);
    }

    [Fact]
    public async Task Without_a_contact_there_is_no_security_txt()
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri("/.well-known/security.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SecurityTxtTestsOnSqlite(SqliteFactory factory) : SecurityTxtTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SecurityTxtTestsOnPostgres(PostgresFactory factory) : SecurityTxtTests(factory);
