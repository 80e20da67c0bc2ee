using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

public static class AppealsSetup
{
    public static IServiceCollection AddAppeals(this IServiceCollection services)
    {
        services.AddPageConventions(pages => pages.AuthorizeFolder("/Appeals/Admin", StaffSetup.EditorPolicy));
        services.AddOutgoingMail<Reminders>();
        services.AddSingleton<IPageVariant, AppealPageVariant>();
        services.AddScoped<AppealEditing>();
        services.AddSingleton<AppealCounts>();
        services.AddHostedService(sp => sp.GetRequiredService<AppealCounts>());
        services.AddSingleton<AppealEvents>();

        // Each node writes what it counted; the schedule's evictions reach every node, so one node runs it.
        services.AddPeriodicJob(AppealCounts.JobName, AppealCounts.FlushInterval,
            (scope, cancellationToken) => scope.GetRequiredService<AppealCounts>().FlushAsync(scope.GetRequiredService<MastheadDb>(), cancellationToken), everyNode: true);
        services.AddSingleton<AppealSchedule>();
        services.AddPeriodicJob<AppealSchedule>(AppealSchedule.JobName, AppealSchedule.Interval, (schedule, cancellationToken) => schedule.RunOnceAsync(cancellationToken));
        return services;
    }

    /// <summary>"Remind me later" without JavaScript: a plain form post that sets the same cookie the reader script would.</summary>
    public static IEndpointRouteBuilder MapAppeals(this IEndpointRouteBuilder app)
    {
        // No antiforgery token: the form sits in the article HTML that one cached copy serves to everyone, and all a
        // forged post could do is hide the appeal in the forger's victim's browser for a few days.
        app.MapPost("/appeal/snooze", SnoozeAsync).DisableAntiforgery();

        // The reader script's weekly renewal of the supporter pass, which hides the appeal (why no token: on the handler).
        // The reader script's counting events: no cookie read or set, so no token either.
        app.MapPost(AppealEvents.Path, AppealEvents.ReceiveAsync).DisableAntiforgery();

        app.MapPost(SupporterPassRenewal.Path, SupporterPassRenewal.RenewAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SnoozeAsync(HttpContext context, MastheadDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        var back = form?["return"].ToString();
        var edition = Edition.Of(context).Code;
        // The days of the appeal whose button was pressed; a form from before it named its appeal gets the edition's first.
        _ = int.TryParse(form?["appeal"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var appeal);
        var days = await db.Appeals.Where(a => a.IsActive && a.Edition == edition).OrderByDescending(a => a.Id == appeal).ThenBy(a => a.Priority)
            .Select(a => (int?)a.SnoozeDays).FirstOrDefaultAsync(cancellationToken) ?? 7;
        AppealVisibility.Snooze(context.Response, clock.GetUtcNow().AddDays(days));

        // The form names a path in its edition; the edition's prefix is this request's.
        return Results.Redirect(context.Request.PathBase + Web.SiteUrls.LocalPathOr(back, "/"), permanent: false, preserveMethod: false);
    }
}
