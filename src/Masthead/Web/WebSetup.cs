using System.Text.Encodings.Web;
using System.Text.Unicode;
using Masthead.Editions;
using Masthead.Import;
using Masthead.Redirects;
using Masthead.Reach;
using Masthead.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Masthead.Web;

public static class WebSetup
{
    /// <summary>The largest request body accepted anywhere: room for a cover image plus the article's text.</summary>
    public const long MaxRequestBytes = 8 * 1024 * 1024;

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Each feature keeps its pages in its own folder (Appeals/Admin/Edit.cshtml...) and adds its own authorization
        // conventions; every page names its URL, so the folders never show in one.
        services.AddRazorPages(pages => pages.RootDirectory = "/")
            .AddRazorOptions(razor => razor.PageViewLocationFormats.Add("/Web/Pages/{0}" + RazorViewEngine.ViewExtension))
            .AddMvcOptions(mvc => mvc.ModelBinderProviders.Insert(0, new TypedText.BinderProvider()))
            .AddDataAnnotationsLocalization(localization => localization.DataAnnotationLocalizerProvider = FeatureText.For);
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(BindingMessages.Translate);
        // Every script as UTF-8 text: the default encoders let only Latin through and send "В" as "&#x412;", eight
        // bytes a letter. Characters that mean something in HTML or JSON are still encoded. The endpoints and the
        // article's JSON-LD both write with these JSON options.
        services.Configure<WebEncoderOptions>(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddAccessLog();
        services.AddFormLimits(configuration);
        services.AddSingleton<PageCache>();
        services.AddSingleton<PageCacheResponses>();
        services.AddSingleton<PageCacheNodes>();
        services.AddHostedService(sp => sp.GetRequiredService<PageCacheNodes>());
        services.AddSettings<PageCacheOptions>("Masthead:Cache");
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "masthead_csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = MaxRequestBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // Client addresses come from X-Forwarded-For only when the proxies that send it are named (Masthead:Proxy:KnownProxies).
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseEditions();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseAccessLog();
        app.UseMiddleware<SecurityHeaders>();
        // Before the form is first read: the Import page's upload has limits of its own.
        app.UseImportUploads();
        app.UseMiddleware<UnreadableForms>();
        app.UseRedirects();
        app.UseReach();
        app.UseMiddleware<PageCacheHits>();
        // Routing first: the static-file middleware then skips requests that matched a page, and a cached page is
        // served without the file-system lookup that would otherwise come first.
        app.UseRouting();
        app.UseMiddleware<ScriptNonce>();
        app.UseFormLimits();
        app.UseMiddleware<PageCacheMiddleware>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapSecurityTxt();
        return app;
    }
}
