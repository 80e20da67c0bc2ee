using Masthead.Audit;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Reach.Admin;

/// <summary>
/// The mirrors and onion addresses readers are told about: added the day a new copy goes up, removed the day it is
/// blocked. Every change is on the "Reach us" pages, in the feeds and in <c>Onion-Location</c> at once, on every node.
/// </summary>
public sealed class MirrorsModel(MastheadDb db, PageCache cache, TimeProvider clock, AuditLog audit, IOptions<NewsroomOptions> newsroom, IHostEnvironment environment, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record Row(int Id, string Address, string? Note, bool ReachesLiveSite, bool IsOnion, DateTimeOffset AddedAt, bool Answered);

    public sealed class MirrorInput
    {
        public string? Address { get; set; }

        public string? Note { get; set; }

        public bool ReachesLiveSite { get; set; }
    }

    [BindProperty]
    public MirrorInput Input { get; set; } = new();

    public IReadOnlyList<Row> Mirrors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var address = MirrorAddress.Normalize(Input.Address);
        var note = Input.Note?.Trim() is { Length: > 0 } typed ? typed : null;
        if (address is null)
        {
            ModelState.AddModelError("Input.Address", text["AddressRule", Mirror.AddressLength]);
        }
        else if (await db.Mirrors.AnyAsync(m => m.Address == address, cancellationToken))
        {
            ModelState.AddModelError("Input.Address", text["AddressTaken", address]);
        }

        if (note?.Length > Mirror.NoteLength)
        {
            ModelState.AddModelError("Input.Note", text["NoteTooLong", Mirror.NoteLength]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Mirrors.Add(new Mirror { Address = address!, Note = note, ReachesLiveSite = Input.ReachesLiveSite, AddedAt = clock.GetUtcNow() });
        audit.Record(User, AuditActions.MirrorAdded, "mirror", address!);
        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [ReachCacheTags.Mirrors], cancellationToken);
        return Redirect("/admin/mirrors");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Mirrors.FindAsync([id], cancellationToken) is { } mirror)
        {
            db.Mirrors.Remove(mirror);
            audit.Record(User, AuditActions.MirrorRemoved, "mirror", mirror.Address);
            await db.SaveChangesAsync(cancellationToken);
            await cache.CommitAndEvictAsync(db, transaction, [ReachCacheTags.Mirrors], cancellationToken);
        }

        return Redirect("/admin/mirrors");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Outside Development, an address said to reach this server is answered only when its host is one of the public addresses.
        var hosts = PublicAddress.HostNames(newsroom.Value);
        var rows = await db.Mirrors.AsNoTracking().ToListAsync(cancellationToken);
        Mirrors = [.. rows.OrderByDescending(m => m.AddedAt).ThenByDescending(m => m.Id).Select(m => new Row(m.Id, m.Address, m.Note, m.ReachesLiveSite, m.IsOnion, m.AddedAt,
            !m.ReachesLiveSite || environment.IsDevelopment() || (Uri.TryCreate(m.Address, UriKind.Absolute, out var uri) && hosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))))];
    }
}
