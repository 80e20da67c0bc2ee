using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Deploy;

/// <summary>
/// Debian's nginx running <c>deploy/nginx-masthead.conf</c> on loopback in front of one Masthead: the file's ports,
/// upstream and certificate paths replaced, wrapped in a main configuration that keeps its pid, logs and temporary
/// files in a directory of its own, with a self-signed certificate for 127.0.0.1 made here. Stopped by its PID.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>Debian's nginx binary.</summary>
    public const string Binary = "/usr/sbin/nginx";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private NginxProxy(Process process, DirectoryInfo directory, int httpsPort, int httpPort, X509Certificate2 certificate)
    {
        _process = process;
        _directory = directory;
        Https = new Uri($"https://127.0.0.1:{httpsPort}/");
        Http = new Uri($"http://127.0.0.1:{httpPort}/");
        Certificate = certificate;
    }

    /// <summary>The TLS side, e.g. https://127.0.0.1:41234/.</summary>
    public Uri Https { get; }

    /// <summary>The plain-HTTP side, which only redirects.</summary>
    public Uri Http { get; }

    /// <summary>The self-signed certificate nginx presents; clients trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Starts nginx in front of <paramref name="upstream"/> and returns once it accepts connections.</summary>
    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var directory = Directory.CreateTempSubdirectory("masthead-nginx-");
        // nginx's workers run as nobody when started by root: they must be able to reach the temporary folders here.
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
        var certificate = WriteCertificate(directory.FullName);
        var httpsPort = MastheadProcess.FreePort();
        var httpPort = MastheadProcess.FreePort();
        var site = Template(await File.ReadAllTextAsync(SiteFile()), upstream.Port, httpsPort, httpPort, directory.FullName);
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "site.conf"), site);
        var main = Path.Combine(directory.FullName, "nginx.conf");
        await File.WriteAllTextAsync(main, MainConfiguration(directory.FullName));

        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", main, "-p", directory.FullName })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, directory, httpsPort, httpPort, certificate);
        try
        {
            await proxy.WaitUntilListeningAsync(httpsPort);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>deploy/nginx-masthead.conf in this repository.</summary>
    public static string SiteFile() => Path.Combine(PublishedMasthead.RepositoryRoot(), "deploy", "nginx-masthead.conf");

    /// <summary>nginx's own error log, for a failure message.</summary>
    public string ErrorLog => File.Exists(Path.Combine(_directory.FullName, "error.log")) ? File.ReadAllText(Path.Combine(_directory.FullName, "error.log")) : "";

    /// <summary>Stops nginx with SIGQUIT to its master process (by PID), then removes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var quit = Process.Start("/bin/kill", ["-QUIT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await quit.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        Certificate.Dispose();
        _directory.Delete(recursive: true);
    }

    // Each replacement must hit exactly once: if the deployed file changes shape, this says so rather than testing
    // something else than what is shipped.
    private static string Template(string site, int upstreamPort, int httpsPort, int httpPort, string directory)
    {
        (string From, string To)[] replacements =
        [
            ("server 127.0.0.1:5000;", $"server 127.0.0.1:{upstreamPort};"),
            ("listen 443 ssl http2;\n    listen [::]:443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;"),
            ("listen 80;\n    listen [::]:80;", $"listen 127.0.0.1:{httpPort};"),
            ("/etc/ssl/masthead/fullchain.pem", Path.Combine(directory, "cert.pem")),
            ("/etc/ssl/masthead/privkey.pem", Path.Combine(directory, "key.pem")),
        ];
        foreach (var (from, to) in replacements)
        {
            var count = site.Split(from).Length - 1;
            Assert.True(count == 1, $"deploy/nginx-masthead.conf holds \"{from}\" {count} times, not once: update NginxProxy's replacements.");
            site = site.Replace(from, to, StringComparison.Ordinal);
        }

        return site;
    }

    private static string MainConfiguration(string directory) => $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log warn;
        events { worker_connections 256; }
        http {
            access_log {{directory}}/access.log;
            client_body_temp_path {{directory}}/client_body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            include {{directory}}/site.conf;
        }
        """;

    private static X509Certificate2 WriteCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{await _process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within {StartTimeout.TotalSeconds} s:\n{ErrorLog}");
    }
}
