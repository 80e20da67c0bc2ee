using System.Diagnostics;
using System.Net.Sockets;
using Masthead.BrowserTests.Infrastructure;
using Masthead.Reach;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>
/// A static copy of the demo newsroom, as <c>export-mirror</c> writes it, served by Debian's nginx under a sub-path and
/// opened from disk: every link walked in Chromium with JavaScript on and off, no request to another host, the
/// appeal's snooze kept in the browser, and Continue leading to the configured live address.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MirrorJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Live = "http://meridianlivesiteexample.onion";

    private DirectoryInfo _work = null!;
    private Process? _nginx;
    private int _port;

    private string Copy => Path.Combine(_work.FullName, "news");

    private string Root => $"http://127.0.0.1:{_port}/news/";

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("masthead-mirror-journey-");
        // nginx's workers run as nobody: the copy must be readable by all, as on a real static host.
        if (!OperatingSystem.IsWindows())
        {
            _work.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }

        var export = browser.App.Services.GetRequiredService<MirrorExport>();
        var origin = browser.BaseAddress.GetLeftPart(UriPartial.Authority);
        var result = await export.ExportAsync(browser.BaseAddress, origin, new MirrorExportRequest(Copy, null, Live), TextWriter.Null, CancellationToken.None);
        Assert.Empty(result.Broken);

        _port = FreePort();
        var conf = Path.Combine(_work.FullName, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            pid {{_work.FullName}}/nginx.pid;
            error_log {{_work.FullName}}/error.log warn;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{_work.FullName}}/body;
                proxy_temp_path {{_work.FullName}}/proxy;
                fastcgi_temp_path {{_work.FullName}}/fastcgi;
                uwsgi_temp_path {{_work.FullName}}/uwsgi;
                scgi_temp_path {{_work.FullName}}/scgi;
                server {
                    listen 127.0.0.1:{{_port}};
                    location /news/ { alias {{Copy}}/; }
                }
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-c", conf, "-p", _work.FullName]) { UseShellExecute = false, RedirectStandardError = true });
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("nginx did not listen: " + await File.ReadAllTextAsync(Path.Combine(_work.FullName, "error.log")));
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            using var quit = Process.Start("/bin/kill", ["-QUIT", _nginx.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await quit.WaitForExitAsync();
            await _nginx.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        }

        _nginx?.Dispose();
        _work.Delete(recursive: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_page_of_the_copy_under_a_sub_path_answers_and_asks_nothing_of_another_host(bool script)
    {
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = script, BaseURL = Root });
        var page = await context.NewPageAsync();
        var elsewhere = new List<string>();
        var failed = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith($"http://127.0.0.1:{_port}/", StringComparison.Ordinal)) { elsewhere.Add(request.Url); } };
        page.Response += (_, response) => { if (response.Status >= 400) { failed.Add($"{response.Status} {response.Url}"); } };

        var seen = new HashSet<string>(StringComparer.Ordinal) { Root + "index.html" };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var address) && seen.Count < 400)
        {
            var answer = await page.GotoAsync(address);
            Assert.True(answer is { Status: 200 }, $"{address}: {answer?.Status}");
            foreach (var link in await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.href)"))
            {
                var bare = link.Split('#')[0];
                if (bare.StartsWith(Root, StringComparison.Ordinal) && !bare.EndsWith(".xml", StringComparison.Ordinal) && seen.Add(bare))
                {
                    queue.Enqueue(bare);
                }
            }
        }

        Assert.True(seen.Count > 30, $"only {seen.Count} pages reached");
        Assert.Empty(failed);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task On_the_copy_the_appeal_s_snooze_lives_in_the_browser_and_Continue_leads_to_the_live_address()
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = Root });
        var page = await context.NewPageAsync();
        var sent = new List<string>();
        page.Request += (_, request) => { if (request.Method != "GET") { sent.Add(request.Url); } };
        await page.GotoAsync(Root + "index.html");
        await page.Locator(".article-list h2 a").First.ClickAsync();
        var article = page.Url;
        var appeal = page.Locator("#appeal");
        await Assertions.Expect(appeal).ToBeVisibleAsync();
        StringAssert(Live + "/support?campaign=", await appeal.Locator(".appeal-continue").GetAttributeAsync("href"));

        await appeal.GetByRole(AriaRole.Button, new() { Name = "Remind me later" }).ClickAsync();
        await Assertions.Expect(appeal).ToBeHiddenAsync();
        Assert.NotNull(await page.EvaluateAsync<string?>("() => localStorage.getItem('mh_snooze')"));
        await page.GotoAsync(article);
        await Assertions.Expect(page.Locator("#appeal")).ToBeHiddenAsync();
        Assert.Empty(sent);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("mirror-article-snoozed.png"), FullPage = false });

        await using var plain = await browser.NewContextAsync(new() { JavaScriptEnabled = false, BaseURL = Root });
        var without = await plain.NewPageAsync();
        await without.GotoAsync(article);
        await Assertions.Expect(without.Locator("#appeal .appeal-continue")).ToHaveAttributeAsync("href", Live + "/support");
        await Assertions.Expect(without.Locator("#appeal .appeal-snooze")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_copy_opened_from_disk_reads_from_page_to_page()
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = null });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(Copy, "index.html")).AbsoluteUri);
        await page.Locator(".article-list h2 a").First.ClickAsync();
        await Assertions.Expect(page.Locator("article h1").First).ToBeVisibleAsync();
        Assert.StartsWith("file://", page.Url, StringComparison.Ordinal);
        await page.Locator("footer a", new() { HasText = "Reach us" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mirrors li")).ToHaveCountAsync(2);
    }

    private static void StringAssert(string prefix, string? actual) => Assert.True(actual?.StartsWith(prefix, StringComparison.Ordinal) == true, $"{actual} does not start with {prefix}");

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
