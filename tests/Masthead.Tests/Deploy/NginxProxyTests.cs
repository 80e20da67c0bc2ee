using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Deploy;

/// <summary>
/// deploy/nginx-masthead.conf as shipped, in Debian's nginx, terminating TLS in front of a real Masthead process that
/// lists nginx (127.0.0.1) in <c>Masthead:Proxy:KnownProxies</c>. Readers connect from other loopback addresses
/// (127.0.0.2, 127.0.0.3), so the address Masthead sees tells the forwarded one from nginx's own.
/// </summary>
public abstract class NginxProxyTests(MastheadFactory factory)
{
    [Fact]
    public async Task Behind_nginx_Masthead_sees_each_readers_address_and_https_and_its_cache_headers_and_body_limit_hold()
    {
        Assert.True(File.Exists(NginxProxy.Binary), $"{NginxProxy.Binary} is missing: install Debian's nginx (./test.sh does).");
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        own.Settings["Masthead:Proxy:KnownProxies:0"] = "127.0.0.1";
        own.Settings["Masthead:RateLimits:SignIn:Permits"] = "2";
        _ = own.Services; // creates the test's own database (PostgreSQL) before the process migrates it
        await using var masthead = await MastheadProcess.StartAsync(own.AppSettings());
        await using var nginx = await NginxProxy.StartAsync(masthead.Address);
        using var reader = Reader(nginx, IPAddress.Parse("127.0.0.2"));
        using var other = Reader(nginx, IPAddress.Parse("127.0.0.3"));

        // HTTPS as nginx saw it: HSTS and Secure cookies, which Masthead gives only over HTTPS.
        using (var signIn = await reader.GetAsync(new Uri("/admin/signin", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.True(signIn.Headers.Contains("Strict-Transport-Security"), "No HSTS through nginx.\n" + nginx.ErrorLog);
            var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
            Assert.NotEmpty(cookies);
            Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
            Assert.True(signIn.Headers.CacheControl?.NoStore, "A personal page reached the reader without no-store.");
        }

        using (var direct = new HttpClient { BaseAddress = masthead.Address })
        using (var plain = await direct.GetAsync(new Uri("/admin/signin", UriKind.Relative)))
        {
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP: the test shows nothing.");
        }

        // The client's address: the sign-in limit (2 posts) is this reader's alone, and a forged X-Forwarded-For
        // does not get round it (nginx replaces the header).
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(reader, "first@example.org"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(reader, "second@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(reader, "third@example.org"));
        reader.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(reader, "fourth@example.org"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await SignInAsync(other, "first@example.org"));

        // A cached public page arrives with its ETag and Cache-Control, and If-None-Match answers 304.
        var front = await other.GetStringAsync(new Uri("/", UriKind.Relative));
        var article = Html.Parse(front).QuerySelectorAll("a[href^='/articles/']").Select(a => a.GetAttribute("href")!).First();
        using (await other.GetAsync(new Uri(article, UriKind.Relative)))
        {
            // The first reading fills Masthead's page cache.
        }

        using var page = await other.GetAsync(new Uri(article, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var etag = page.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak, "nginx weakened the ETag.");
        Assert.StartsWith("public", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(article, UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await other.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        // Plain HTTP only leads to HTTPS.
        using var redirecting = Reader(nginx, IPAddress.Parse("127.0.0.2"), nginx.Http);
        using var redirect = await redirecting.GetAsync(new Uri(article, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location?.Scheme);

        // Bodies past Masthead's own limit stop at nginx.
        using (var tooLarge = new ByteArrayContent(new byte[(int)Masthead.Web.WebSetup.MaxRequestBytes + 1024 * 1024]))
        using (var refused = await other.PostAsync(new Uri("/admin/signin", UriKind.Relative), tooLarge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        }

        // The access log is off unless asked for (AccessLogTests switches it on).
        Assert.DoesNotContain("Masthead.Web.AccessLog", masthead.OutputTail, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string email)
    {
        using var response = await Forms.PostAsync(client, "/admin/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "not-the-password",
        });
        return response.StatusCode;
    }

    /// <summary>A browser connecting from <paramref name="from"/>, trusting only nginx's certificate, keeping cookies.</summary>
    private static HttpClient Reader(NginxProxy nginx, IPAddress from, Uri? address = null)
    {
        var thumbprint = nginx.Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = address ?? nginx.Https, Timeout = TimeSpan.FromSeconds(30) };
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NginxProxyTestsOnSqlite(SqliteFactory factory) : NginxProxyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class NginxProxyTestsOnPostgres(PostgresFactory factory) : NginxProxyTests(factory);
