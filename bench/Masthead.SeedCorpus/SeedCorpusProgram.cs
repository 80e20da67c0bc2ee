using System.CommandLine;
using System.Diagnostics;
using Masthead.Data;
using Masthead.Operations;
using Masthead.SeedCorpus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Fills a fresh Masthead database with the benchmark corpus: the same settings as the app (Masthead__DataDirectory,
// Masthead__Database__*, from the environment), the same migrations, then the articles. A bench tool, not a Masthead
// command, so the product carries no benchmark code.
var count = new Argument<int>("count") { Description = "How many articles." };
count.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < 1)
    {
        result.AddError("count must be 1 or more.");
    }
});
var slugs = new Option<string>("--slugs") { Description = "Write each article's slug to this file, one a line (for the benchmarks).", HelpName = "file" };
var seed = new Option<int>("--seed") { Description = "The random seed: the same seed writes the same corpus.", DefaultValueFactory = _ => BenchCorpus.DefaultSeed };
var russian = new Option<int>("--russian") { Description = "The share of articles written in Russian, in percent (0 to 100).", DefaultValueFactory = _ => 0, HelpName = "percent" };
russian.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() is < 0 or > 100)
    {
        result.AddError("--russian must be a percentage from 0 to 100.");
    }
});
var appeals = new Option<BenchAppeals>("--appeals")
{
    Description = "The newsroom's appeals: None, Plain (one standing appeal), Set (a first ask with two test versions, no test running, and appeals for the other audiences) or Test (that set with the test running).",
    DefaultValueFactory = _ => BenchAppeals.Plain,
};
var root = new RootCommand(
    "Fills a fresh Masthead database with a benchmark corpus of articles (refused when there are articles already). " +
    $"Exit codes: {ExitCodes.Done} done, {ExitCodes.Failed} the database already has articles, {ExitCodes.Usage} the command line was not understood.")
    { count, slugs, seed, russian, appeals };
root.SetAction((parsed, cancellationToken) => SeedAsync(parsed.GetValue(count), parsed.GetValue(slugs), parsed.GetValue(seed), parsed.GetValue(russian), parsed.GetValue(appeals), cancellationToken));
var parsed = root.Parse(args);
foreach (var error in parsed.Errors)
{
    await Console.Error.WriteLineAsync(error.Message);
}

return parsed.Errors.Count > 0 ? ExitCodes.Usage : await parsed.InvokeAsync();

static async Task<int> SeedAsync(int count, string? slugsPath, int seed, int russianPercent, BenchAppeals appeals, CancellationToken cancellationToken)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = MastheadPaths.ContentRoot() });
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddData(builder.Configuration);
    using var host = builder.Build();
    MastheadPaths.CreateDataDirectory(builder.Configuration);

    await DataSetup.MigrateAsync(host.Services, cancellationToken);
    var timer = Stopwatch.StartNew();
    await using var slugs = slugsPath is not null ? new StreamWriter(slugsPath) : null;
    if (!await BenchCorpus.SeedAsync(host.Services, count, slugs, seed, russianPercent, Progress.ForConsole(), appeals, cancellationToken))
    {
        await Console.Error.WriteLineAsync("The database already has articles; the corpus only goes into a fresh one.");
        return ExitCodes.Failed;
    }

    Console.WriteLine($"Seeded {count} articles in {timer.Elapsed.TotalSeconds:0.0} s ({count / timer.Elapsed.TotalSeconds:0} articles/s).");
    return ExitCodes.Done;
}
