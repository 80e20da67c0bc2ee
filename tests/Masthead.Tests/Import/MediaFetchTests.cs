using System.Net;
using Masthead.Articles;
using Masthead.Import;
using Masthead.Tests.Articles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Masthead.Tests.Import;

/// <summary>--fetch-media against a real server on 127.0.0.1, let through only by the tests' private-address switch.</summary>
public sealed class MediaFetchTests : IAsyncLifetime
{
    private LocalImageServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalImageServer.StartAsync(app =>
    {
        app.MapGet("/image.png", () => Results.Bytes(TestImages.Png, "image/png"));
        app.MapGet("/moved", () => Results.Redirect("/image.png"));
        app.MapGet("/elsewhere", (HttpContext context) => Results.Redirect($"http://localhost:{context.Connection.LocalPort}/image.png"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/text", () => Results.Text("<html>not an image</html>", "image/png"));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/huge", async (HttpContext context) =>
        {
            // Chunked, with no Content-Length to be trusted: the limit must be counted as the bytes come.
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(TestImages.Png);
            var chunk = new byte[64 * 1024];
            for (long sent = 0; sent <= CoverImages.MaxBytes && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Bytes(TestImages.Png, "image/png");
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static MediaFetch Fetch(bool allowPrivate = true) => new(["127.0.0.1"], allowPrivate, TimeSpan.FromSeconds(2));

    [Fact]
    public async Task An_image_on_an_allowed_host_is_downloaded_and_a_redirect_on_that_host_followed()
    {
        using var fetch = Fetch();
        Assert.Equal(TestImages.Png, (await fetch.GetAsync(_server.At("/image.png"), CancellationToken.None)).Bytes);
        Assert.Equal(TestImages.Png, (await fetch.GetAsync(_server.At("/moved"), CancellationToken.None)).Bytes);
    }

    [Fact]
    public async Task Loopback_is_refused_without_the_tests_switch_and_nothing_is_asked()
    {
        using var fetch = Fetch(allowPrivate: false);
        var result = await fetch.GetAsync(_server.At("/image.png"), CancellationToken.None);
        Assert.Null(result.Bytes);
        Assert.Equal("its host has no public address", result.Problem);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("/elsewhere", "its host is not allowed")]
    [InlineData("/loop", "more than 3 redirects")]
    [InlineData("/text", "not a JPEG, PNG, GIF or WebP image")]
    [InlineData("/missing", "the server answered 404")]
    [InlineData("/huge", "larger than 5 MB")]
    [InlineData("/slow", "no answer within 2 seconds")]
    public async Task What_is_not_an_allowed_image_within_the_limits_is_refused_with_a_reason(string path, string reason)
    {
        using var fetch = Fetch();
        var result = await fetch.GetAsync(_server.At(path), CancellationToken.None);
        Assert.Null(result.Bytes);
        Assert.StartsWith(reason, result.Problem);
        Assert.DoesNotContain("/image.png", _server.Requests);
    }

    [Theory]
    [InlineData("http://localhost:{0}/image.png", "its host is not allowed")]
    [InlineData("ftp://127.0.0.1:{0}/image.png", "not an http or https address")]
    [InlineData("file:///etc/passwd", "not an http or https address")]
    public async Task A_host_or_scheme_not_allowed_is_refused_before_connecting(string url, string reason)
    {
        using var fetch = Fetch();
        var result = await fetch.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, _server.Address.Port)), CancellationToken.None);
        Assert.StartsWith(reason, result.Problem);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.215.14", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c", true)]
    public void Only_public_addresses_are_public(string address, bool isPublic)
    {
        Assert.Equal(isPublic, MediaFetch.IsPublic(IPAddress.Parse(address)));
    }
}
