using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Newsletters;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Fills a fresh Masthead database for bench/newsletter.sh: one list with READERS confirmed readers spread over DOMAINS
// receiving domains (reader<i>@domain<i % DOMAINS>.test), written as a sign-up and its confirmation leave them (sealed
// address, keyed hash, token), and one issue due now. The settings are the app's (Masthead__DataDirectory,
// Masthead__Database__*, from the environment), and so is the personal-data key. A bench tool, not a Masthead command.
if (args.Length != 2 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var readers) || readers < 1
    || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var domains) || domains < 1)
{
    await Console.Error.WriteLineAsync("usage: Masthead.NewsletterBench READERS DOMAINS (whole numbers, 1 or more)");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = MastheadPaths.ContentRoot() });
// Quiet: on a fresh PostgreSQL database the migrations log the missing history table as an error; real errors throw.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddData(builder.Configuration);
builder.Services.AddPrivacy(builder.Configuration);
using var host = builder.Build();
MastheadPaths.CreateDataDirectory(builder.Configuration);
await DataSetup.MigrateAsync(host.Services, CancellationToken.None);

var timer = Stopwatch.StartNew();
var data = host.Services.GetRequiredService<PersonalData>();
var now = DateTimeOffset.UtcNow;
await using var scope = host.Services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
db.ChangeTracker.AutoDetectChangesEnabled = false;
var list = new NewsletterList { Edition = "en", Name = "Bench", Kind = NewsletterKind.Manual, Position = 1 };
db.NewsletterLists.Add(list);
await db.SaveChangesAsync();
foreach (var chunk in Enumerable.Range(0, readers).Chunk(2000))
{
    db.Subscribers.AddRange(chunk.Select(i =>
    {
        var email = string.Create(CultureInfo.InvariantCulture, $"reader{i}@domain{i % domains}.test");
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return new Subscriber
        {
            Edition = list.Edition, EmailProtected = data.Protect(email), EmailHash = data.LookupHash(email),
            TokenHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), TokenProtected = data.Protect(token), CreatedAt = now,
            Subscriptions = [new NewsletterSubscription { ListId = list.Id, Status = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now }],
        };
    }));
    await db.SaveChangesAsync();
    db.ChangeTracker.Clear();
}

db.NewsletterIssues.Add(new NewsletterIssue
{
    ListId = list.Id, Subject = "The week", IntroMarkdown = "What *mattered* this week, in a few lines.", Status = IssueStatus.Scheduled, SendAt = now, CreatedAt = now,
});
await db.SaveChangesAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {readers} readers over {domains} domains in {timer.Elapsed.TotalSeconds:0.0} s."));
return 0;
