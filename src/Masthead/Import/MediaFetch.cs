using System.Net;
using System.Net.Sockets;
using Masthead.Articles;

namespace Masthead.Import;

/// <summary>
/// <c>--fetch-media</c>: downloads an export's images from the site they came from, and from nowhere else. Only http and
/// https, only the allowed hosts (redirects are followed by hand, at most <see cref="MaxRedirects"/>, and only to them),
/// only public addresses (the name is resolved here and every address checked before connecting, so a DNS answer cannot
/// point the importer at the newsroom's own network), at most <see cref="CoverImages.MaxBytes"/> counted as it arrives,
/// and within <see cref="Timeout"/> per file.
/// </summary>
public sealed class MediaFetch : IDisposable
{
    public const int MaxRedirects = 3;

    private readonly HashSet<string> _hosts;
    private readonly HttpClient _client;

    /// <param name="allowedHosts">Host names images may come from: the export's own site and those named on the command line.</param>
    /// <param name="allowPrivateAddresses">For tests only, which serve from 127.0.0.1: lets loopback and private addresses through.</param>
    /// <param name="timeout">The most one file may take, connection to last byte; 20 seconds unless given.</param>
    public MediaFetch(IEnumerable<string> allowedHosts, bool allowPrivateAddresses = false, TimeSpan? timeout = null)
    {
        _hosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
        Timeout = timeout ?? TimeSpan.FromSeconds(20);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateAddresses, cancellationToken),
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Masthead-Import/1");
    }

    public TimeSpan Timeout { get; }

    /// <summary>The image at <paramref name="url"/>, or why it could not be had.</summary>
    public async Task<MediaBytes> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (Refusal(url) is { } refused)
                {
                    return MediaBytes.Missing(refused);
                }

                using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects == MaxRedirects)
                    {
                        return MediaBytes.Missing($"more than {MaxRedirects} redirects");
                    }

                    url = new Uri(url, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return MediaBytes.Missing($"the server answered {(int)response.StatusCode}");
                }

                var bytes = await ReadCappedAsync(response.Content, timeout.Token);
                return bytes is null ? MediaBytes.Missing(MediaBytes.TooLarge) : MediaBytes.Checked(bytes);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MediaBytes.Missing($"no answer within {Timeout.TotalSeconds:0} seconds");
        }
        catch (HttpRequestException e)
        {
            return MediaBytes.Missing(e.InnerException is PrivateAddressException ? e.InnerException.Message : "could not be downloaded (" + (e.HttpRequestError == HttpRequestError.Unknown ? "connection failed" : e.HttpRequestError.ToString()) + ")");
        }
        catch (IOException)
        {
            return MediaBytes.Missing("the download broke off");
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Whether the importer may connect here on an export's say-so: loopback, private, link-local (cloud
    /// metadata at 169.254.169.254), carrier-grade NAT, unspecified and multicast addresses are the newsroom's own
    /// network or nobody's.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is not (0 or 10 or 127) and < 224
                && !(b[0] == 100 && (b[1] & 0xC0) == 64)
                && !(b[0] == 169 && b[1] == 254)
                && !(b[0] == 172 && (b[1] & 0xF0) == 16)
                && !(b[0] == 192 && b[1] == 168);
        }

        var v6 = address.GetAddressBytes();
        return !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.IPv6Any)
            && (v6[0] & 0xFE) != 0xFC && !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && !address.IsIPv6Multicast;
    }

    private string? Refusal(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "not an http or https address";
        }

        return _hosts.Contains(url.IdnHost) ? null : "its host is not allowed (add it with --media-host)";
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var usable = addresses.Where(a => allowPrivateAddresses || IsPublic(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new PrivateAddressException("its host has no public address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The body, or null once it passes the limit: counted as read, whatever Content-Length said.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > CoverImages.MaxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        for (int read; (read = await stream.ReadAsync(buffer, cancellationToken)) > 0;)
        {
            if (bytes.Length + read > CoverImages.MaxBytes)
            {
                return null;
            }

            bytes.Write(buffer, 0, read);
        }

        return bytes.ToArray();
    }

    private sealed class PrivateAddressException(string message) : Exception(message);
}
