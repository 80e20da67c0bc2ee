using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsletters;
using Masthead.Newsroom;
using Masthead.Operations;
using Masthead.Payments;
using Masthead.Payments.Stripe;
using Masthead.Import;
using Masthead.Privacy;
using Masthead.Reach;
using Masthead.Redirects;
using Masthead.Revenue;
using Masthead.Search;
using Masthead.SitePages;
using Masthead.Staff;
using Masthead.Web;

var builder = WebApplication.CreateBuilder(MastheadPaths.HostOptions(args));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddData(builder.Configuration);
builder.Services.AddNewsroom();
builder.Services.AddEditions();
builder.Services.AddPrivacy(builder.Configuration);
builder.Services.AddEmail(builder.Configuration);
builder.Services.AddStaff();
builder.Services.AddAudit();
builder.Services.AddArticles(builder.Configuration);
builder.Services.AddSearch();
builder.Services.AddRedirects();
builder.Services.AddReach();
builder.Services.AddImport();
builder.Services.AddSitePages();
builder.Services.AddAppeals();
builder.Services.AddNewsletters();
builder.Services.AddContributions();
builder.Services.AddRevenue();
builder.Services.AddPayments(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);
builder.Services.AddOperations(builder.Configuration);

var app = builder.Build();

// The command line picks what runs (serve by default); every command first checks all the settings and writes nothing until they pass.
return await MastheadCommands.RunAsync(app, args,
    serve: async () =>
    {
        await PrepareAsync();
        await app.RunAsync();
    },
    exportMirror: async (folder, baseUrl, liveUrl, cancellationToken) =>
    {
        await PrepareAsync();
        return await MirrorServer.ExportAsync(app, folder, baseUrl, liveUrl, Console.Out, cancellationToken);
    });

// The database brought up to date (with the first admin and the demo when empty), then the request pipeline.
async Task PrepareAsync()
{
    await DataSetup.PrepareAsync(app.Services, PrivacySetup.PrepareKeysAsync, StaffSetup.EnsureFirstAdminAsync, UnsetEditions.AssignAsync, DemoNewsroom.SeedIfEmptyAsync);

    app.UseWeb();
    app.UseStaff();
    app.MapArticles();
    app.MapAppeals();
    app.MapStripe();
    app.MapWeb();
}

/// <summary>Visible to the test host.</summary>
public partial class Program;
