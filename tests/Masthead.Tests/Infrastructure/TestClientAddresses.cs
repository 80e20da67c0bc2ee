using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no connections, so no client addresses. A request carrying <see cref="Header"/> is
/// given that address as its connection's, as if it came from another machine: for tests of what is counted per
/// client address. Only the test host adds this; the header means nothing to Masthead itself.
/// </summary>
public sealed class TestClientAddresses : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>Makes <paramref name="client"/>'s requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
