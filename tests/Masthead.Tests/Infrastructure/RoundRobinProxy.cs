using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Debian's nginx on a free 127.0.0.1 port, passing requests round-robin to several Masthead nodes, as a load balancer
/// in front of app nodes would. One foreground process (no daemon, no master) under a temporary prefix, stopped by PID.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;

    private RoundRobinProxy(Process process, string prefix, Uri address) => (_process, _prefix, Address) = (process, prefix, address);

    public Uri Address { get; }

    public static async Task<RoundRobinProxy> StartAsync(IEnumerable<Uri> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var prefix = Directory.CreateTempSubdirectory("masthead-nginx-").FullName;
        var port = MastheadProcess.FreePort();
        var servers = string.Concat(nodes.Select(n => $"        server {n.Host}:{n.Port.ToString(CultureInfo.InvariantCulture)} max_fails=1 fail_timeout=2s;\n"));
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                client_max_body_size 8m;
                upstream masthead {
            {{servers}}    }
                server {
                    listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                    location / {
                        proxy_pass http://masthead;
                        proxy_set_header Host $http_host;
                        proxy_next_upstream error timeout;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", config, "-p", prefix })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var proxy = new RoundRobinProxy(process, prefix, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(proxy.Address, "/robots.txt"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return proxy;
                }
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Not listening yet.
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                await proxy.DisposeAsync();
                throw new TimeoutException("nginx did not pass /robots.txt through within 30 s.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp directory; nothing depends on it.
        }
    }
}
