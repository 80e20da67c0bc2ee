using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Masthead.Operations;

/// <summary>
/// Whether the addresses the site is told to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) are free, tried before
/// anything is written: Kestrel binds only when the host starts, after the database work, and a start refused there
/// would already have created the first admin and printed a password nobody sees again.
/// </summary>
public static class ListenAddresses
{
    /// <summary>A sentence naming the first address another program holds, or null when all are free (or cannot be told).</summary>
    public static string? InUse(IServiceProvider services)
    {
        // Only Kestrel listens (the tests' in-memory server has no addresses); ports and endpoints set otherwise are left to it.
        var configuration = services.GetRequiredService<IConfiguration>();
        if (services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() is null
            || configuration["urls"] is not { Length: > 0 } && (configuration["http_ports"] is { Length: > 0 } || configuration["https_ports"] is { Length: > 0 } || configuration.GetSection("Kestrel:Endpoints").Exists()))
        {
            return null;
        }

        var urls = configuration["urls"] is { Length: > 0 } configured ? configured : "http://localhost:5000";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts "*" and "+" for any host, which Uri does not.
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue;
            }

            var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
            if (address is not null && !IsFree(address, uri.Port))
            {
                return $"The address {url} is in use by another program: stop that program, or choose another address with --urls or ASPNETCORE_URLS.";
            }
        }

        return null;
    }

    private static bool IsFree(IPAddress address, int port)
    {
        using var probe = new TcpListener(address, port);
        try
        {
            probe.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not ours to judge (e.g. an address this machine does not have): Kestrel will say.
            return true;
        }
        finally
        {
            probe.Stop();
        }
    }
}
