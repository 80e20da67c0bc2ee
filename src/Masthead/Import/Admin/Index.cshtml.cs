using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Import.Admin;

/// <summary>
/// The admin's import: upload an export, read the dry run's report, confirm, and the import runs in the background
/// (<see cref="ImportJobs"/>) while its page shows how far it got. The upload waits in the data directory under a
/// random name between the dry run and the confirmation, and is deleted when the import ends.
/// </summary>
public sealed partial class IndexModel(
    MastheadDb db, ImportRunner runner, ImportJobs queue, SiteEditions editions, IConfiguration configuration, IOptions<ImportOptions> options,
    IStringLocalizer<AdminText> text) : PageModel
{
    public sealed class ImportInput
    {
        public string Source { get; set; } = ImportSources.WordPress;

        public string? Edition { get; set; }

        public bool MembersOnlyAsPublic { get; set; }

        public IFormFile? Upload { get; set; }

        /// <summary>The waiting upload's random name, carried from the dry run to the confirmation.</summary>
        public string? Waiting { get; set; }

        public string? FileName { get; set; }
    }

    public sealed record RunRow(int Id, string Source, string FileName, ImportRunState State, int ItemsDone, DateTimeOffset StartedAt);

    [BindProperty]
    public ImportInput Input { get; set; } = new();

    /// <summary>The dry run's report, shown with the button that imports for real.</summary>
    public ImportReport? Report { get; private set; }

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Stores the upload and tries it: the report of what importing it would do, with nothing written.</summary>
    public async Task<IActionResult> OnPostTryAsync(CancellationToken cancellationToken)
    {
        if (Input.Upload is not { Length: > 0 } upload)
        {
            ModelState.AddModelError("Input.Upload", text["ChooseFile"]);
            return await ShowAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (upload.Length > MaxUploadBytes)
        {
            ModelState.AddModelError("Input.Upload", text["TooLarge", upload.Length / 1024 / 1024, options.Value.MaxUploadMegabytes]);
            return await ShowAsync(StatusCodes.Status413PayloadTooLarge, cancellationToken);
        }

        if (Problem() is { } problem)
        {
            return await ShowAsync(problem, cancellationToken);
        }

        Input.Waiting = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + (Input.Source == ImportSources.Ghost && IsZip(upload.FileName) ? ".zip" : ".export");
        Input.FileName = Path.GetFileName(upload.FileName);
        await using (var stream = upload.OpenReadStream())
        {
            PrivateFiles.WriteNew(WaitingPath(Input.Waiting), file => stream.CopyTo(file));
        }

        try
        {
            (_, Report) = await runner.RunAsync(RequestOf(dryRun: true), User, User.StaffId(), User.Identity?.Name ?? "", cancellationToken);
        }
        catch (ImportRefusedException refused)
        {
            System.IO.File.Delete(WaitingPath(Input.Waiting));
            Input.Waiting = null;
            ModelState.AddModelError("Input.Upload", refused.Message);
            return await ShowAsync(StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        return await ShowAsync(StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>Imports the file the dry run tried, in the background; the run's page follows it.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (Input.Waiting is null || !WaitingName().IsMatch(Input.Waiting) || !System.IO.File.Exists(WaitingPath(Input.Waiting)))
        {
            ModelState.AddModelError("", text["UploadGone"]);
            return await ShowAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (Problem() is { } problem)
        {
            return await ShowAsync(problem, cancellationToken);
        }

        var request = RequestOf(dryRun: false);
        var runId = await runner.StartAsync(request, User, cancellationToken);
        queue.Enqueue(new ImportJob(runId, request, User, User.StaffId(), User.Identity?.Name ?? ""));
        return Redirect($"/admin/import/{runId}");
    }

    /// <summary>The status for a source or edition that is not one of the choices, with the message beside the field; null when both are.</summary>
    private int? Problem()
    {
        if (Input.Source is not (ImportSources.WordPress or ImportSources.Ghost))
        {
            ModelState.AddModelError("Input.Source", text["ChooseSource"]);
        }

        if (!string.IsNullOrEmpty(Input.Edition) && editions.Find(Input.Edition) is null)
        {
            ModelState.AddModelError("Input.Edition", text["ChooseEdition", editions.Codes]);
        }

        return ModelState.IsValid ? null : StatusCodes.Status400BadRequest;
    }

    private ImportRequest RequestOf(bool dryRun) => new(
        Input.Source, WaitingPath(Input.Waiting!), Input.FileName ?? "export", dryRun, Input.Edition ?? "", MembersOnlyAsPublic: Input.MembersOnlyAsPublic);

    private string WaitingPath(string name) => Path.Combine(PrivateFiles.Directory(Path.Combine(MastheadPaths.DataDirectory(configuration), "imports")), name);

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> ShowAsync(int status, CancellationToken cancellationToken)
    {
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Runs = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20)
            .Select(r => new RunRow(r.Id, r.Source, r.FileName, r.State, r.ItemsDone, r.StartedAt)).ToListAsync(cancellationToken);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{32}\\.(export|zip)$")]
    private static partial System.Text.RegularExpressions.Regex WaitingName();
}
