using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Import;

/// <summary>A web server on 127.0.0.1 that plays an old site's image host: paths answer with what the test maps to them.</summary>
public sealed class LocalImageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalImageServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; }

    /// <summary>Every path asked for, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<LocalImageServer> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalImageServer? server = null;
        app.Use((context, next) =>
        {
            server!.Requests.Enqueue(context.Request.Path.Value ?? "");
            return next(context);
        });
        map(app);
        await app.StartAsync();
        server = new LocalImageServer(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        return server;
    }

    public Uri At(string path) => new(Address, path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
