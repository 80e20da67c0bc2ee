using System.Text.Json;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Import;

/// <summary>What to import and how: the same for the command line and the admin.</summary>
/// <param name="Source"><see cref="ImportSources.WordPress"/> or <see cref="ImportSources.Ghost"/>.</param>
/// <param name="Path">The export file on this machine.</param>
/// <param name="FileName">Its name as the newsroom knows it (an upload's own name), for the report.</param>
/// <param name="DryRun">Write nothing; only report.</param>
/// <param name="Edition">The edition the content joins; the default edition when empty.</param>
/// <param name="MediaDirectory">A local copy of <c>wp-content/uploads</c> or Ghost's <c>content/images</c>.</param>
/// <param name="MembersOnlyAsPublic">Ghost: publish members-only posts instead of keeping them as drafts.</param>
/// <param name="FetchMedia">Fetch images the export and the media folder lack from the old site (its own host and <paramref name="FetchHosts"/>).</param>
/// <param name="FetchHosts">More hosts images may be fetched from (a CDN the old site used).</param>
public sealed record ImportRequest(
    string Source, string Path, string FileName, bool DryRun, string Edition, string? MediaDirectory = null, bool MembersOnlyAsPublic = false,
    bool FetchMedia = false, IReadOnlyList<string>? FetchHosts = null);

public static class ImportSources
{
    public const string WordPress = "wordpress";
    public const string Ghost = "ghost";

    /// <summary>Ghost's members CSV: its paying and complimentary members become supporters (<see cref="GhostMemberImport"/>).</summary>
    public const string GhostMembers = "ghost-members";
}

/// <summary>
/// Runs one import from end to end: reads the file (a file that cannot be read is refused before anything is written),
/// keeps an <see cref="ImportRun"/> with its progress and report (not for a dry run, which writes nothing), writes the
/// content through <see cref="ContentImport"/>, and audits the result.
/// </summary>
public sealed class ImportRunner(MastheadDb db, ContentImport content, TimeProvider clock, AuditLog audit, IOptions<NewsroomOptions> newsroom)
{
    // The report's collections are read-only properties: reading one back fills them.
    private static readonly JsonSerializerOptions ReportJson = new() { PreferredObjectCreationHandling = System.Text.Json.Serialization.JsonObjectCreationHandling.Populate };

    /// <summary>
    /// Imports <paramref name="request"/>; the run's id (null for a dry run) and its report. <paramref name="actor"/> null:
    /// the command line. <paramref name="runId"/>: the run <see cref="StartAsync"/> recorded already (the admin's), or null to record one here.
    /// </summary>
    public async Task<(int? RunId, ImportReport Report)> RunAsync(
        ImportRequest request, System.Security.Claims.ClaimsPrincipal? actor, int createdById, string savedBy, CancellationToken cancellationToken, int? runId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = new ImportReport();
        var site = Read(request, report);
        var run = runId is { } known ? new ImportRun { Id = known, Source = request.Source, FileName = request.FileName }
            : request.DryRun ? null : new ImportRun { Id = await StartAsync(request, actor, cancellationToken), Source = request.Source, FileName = request.FileName };
        using var media = new ImportMedia(site, new ImportMediaOptions(request.MediaDirectory, request.FetchMedia, request.FetchHosts), report);
        try
        {
            var options = new ContentImportOptions(request.Edition, request.DryRun, createdById, savedBy)
            {
                StoreImage = (url, token) => media.StoreAsync(db, url, token),
                RewriteImages = (html, token) => ImportedImages.RewriteAsync(html, site.SiteUrl, url => media.StoreAsync(db, url, token)),
            };
            await content.RunAsync(site, options, report, run is null ? null : done => ProgressAsync(run.Id, done), cancellationToken);
        }
        catch (Exception failure) when (run is not null)
        {
            // Whatever stopped it (a file cut short half-way, a lost disk, Ctrl+C), the run says so and keeps its counts.
            await EndAsync(run.Id, ImportRunState.Failed, report, failure is ImportRefusedException ? failure.Message : Interrupted, CancellationToken.None);
            throw;
        }

        if (run is not null)
        {
            await FinishAsync(run.Id, request, report, actor, cancellationToken);
        }

        return (run?.Id, report);
    }

    /// <summary>Reads the file into one <see cref="ImportedSite"/>: refuses it here, with one sentence, if it is not an export of that kind.</summary>
    private ImportedSite Read(ImportRequest request, ImportReport report)
    {
        if (!File.Exists(request.Path))
        {
            throw new ImportRefusedException($"There is no file {request.Path}.");
        }

        return request.Source switch
        {
            ImportSources.WordPress => WordPressExport.Read(request.Path, new WordPressOptions(newsroom.Value.Zone), report),
            ImportSources.Ghost => GhostExport.Read(request.Path, new GhostOptions(null, request.MembersOnlyAsPublic), report),
            _ => throw new ImportRefusedException($"Masthead imports from {ImportSources.WordPress} or {ImportSources.Ghost}, not \"{request.Source}\"."),
        };
    }

    /// <summary>Records a run as started, before its file is read; its id.</summary>
    public async Task<int> StartAsync(ImportRequest request, System.Security.Claims.ClaimsPrincipal? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new ImportRun
        {
            Source = request.Source,
            FileName = Web.TypedText.Cut(System.IO.Path.GetFileName(request.FileName), 260),
            State = ImportRunState.Running,
            StartedAt = clock.GetUtcNow(),
            StartedById = actor?.StaffId(),
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(run).State = EntityState.Detached;
        return run.Id;
    }

    public const string Interrupted = "The import stopped before its end; what was written before it is kept, and importing the same file again carries on.";

    /// <summary>
    /// Ends a run still marked running with <paramref name="failure"/>, keeping what <paramref name="report"/> had counted;
    /// a run its runner ended already keeps its own ending.
    /// </summary>
    public Task<int> FailAsync(int runId, string failure, ImportReport? report = null)
    {
        var now = clock.GetUtcNow();
        var json = report is null ? null : JsonSerializer.Serialize(report, ReportJson);
        return db.ImportRuns.Where(r => r.Id == runId && r.State == ImportRunState.Running).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.State, ImportRunState.Failed).SetProperty(r => r.Failure, failure).SetProperty(r => r.FinishedAt, now)
            .SetProperty(r => r.ReportJson, r => json ?? r.ReportJson));
    }

    /// <summary>Ends a run as finished with its report, and audits what it imported.</summary>
    public async Task FinishAsync(int runId, ImportRequest request, ImportReport report, System.Security.Claims.ClaimsPrincipal? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        await EndAsync(runId, ImportRunState.Finished, report, null, cancellationToken);
        var summary = string.Join(", ", report.Counts.Where(c => c.Key.EndsWith("imported", StringComparison.Ordinal) || c.Key.EndsWith("updated", StringComparison.Ordinal))
            .Select(c => $"{c.Value} {c.Key}"));
        var detail = $"{request.Source} {request.FileName}: {(summary.Length > 0 ? summary : "nothing imported")}";
        var target = AuditLog.Target("import", runId);
        if (actor is null)
        {
            audit.RecordCommandLine(AuditActions.ImportFinished, target, detail);
        }
        else
        {
            audit.Record(actor, AuditActions.ImportFinished, target, detail);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The report a run kept, read back.</summary>
    public static ImportReport ReportOf(ImportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.ReportJson.Length == 0 ? new ImportReport() : JsonSerializer.Deserialize<ImportReport>(run.ReportJson, ReportJson) ?? new ImportReport();
    }

    private Task<int> ProgressAsync(int runId, int done) =>
        db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set.SetProperty(r => r.ItemsDone, done));

    private Task<int> EndAsync(int runId, ImportRunState state, ImportReport report, string? failure, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(report, ReportJson);
        var now = clock.GetUtcNow();
        return db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
            set => set.SetProperty(r => r.State, state).SetProperty(r => r.ReportJson, json).SetProperty(r => r.Failure, failure).SetProperty(r => r.FinishedAt, now),
            cancellationToken);
    }
}
