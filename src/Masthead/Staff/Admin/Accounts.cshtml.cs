using System.ComponentModel.DataAnnotations;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Staff.Admin;

public sealed partial class AccountsModel(MastheadDb db, StaffSignIn signIn, AuditLog audit, TwoFactor twoFactor, TimeProvider clock, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record Row(int Id, string DisplayName, string Email, StaffRole Role, bool HasTwoFactor, int Sessions, bool IsActive);

    public sealed class StaffInput
    {
        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200, ErrorMessage = "Keep the name under {1} characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address.")]
        [EmailAddressRule(ErrorMessage = "That is not an email address.")]
        [StringLength(254, ErrorMessage = "That is longer than any email address.")]
        public string Email { get; set; } = "";

        [EnumDataType(typeof(StaffRole), ErrorMessage = "Choose writer, editor or admin.")]
        public StaffRole Role { get; set; } = StaffRole.Writer;

        public bool WritesUnderByline { get; set; } = true;
    }

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public IReadOnlyList<Row> Staff { get; private set; } = [];

    public string? CreatedPassword { get; private set; }

    /// <summary>What the last action on a colleague's account did, said back to the admin.</summary>
    public string? Done { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = Input.Email?.Trim().ToLowerInvariant() ?? "";
        if (ModelState.IsValid && await db.Staff.AnyAsync(s => s.Email == email, cancellationToken))
        {
            ModelState.AddModelError("Input.Email", text["AddressHasAccount"]);
        }

        if (ModelState.IsValid)
        {
            var member = new StaffMember { Email = email, DisplayName = Input.DisplayName.Trim(), Role = Input.Role };
            CreatedPassword = StaffSetup.GeneratePassword();
            signIn.SetPassword(member, CreatedPassword);
            member.MustChangePassword = true;

            // The entry names the new account's id, known after the first save; the transaction keeps them together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Staff.Add(member);
            if (Input.WritesUnderByline)
            {
                var slug = Slugs.From(member.DisplayName);
                var byline = await db.Authors.SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken)
                    ?? db.Authors.Add(new Author { Name = member.DisplayName, Slug = slug.Length > 0 ? slug : $"author-{Guid.NewGuid():N}"[..20] }).Entity;
                await db.SaveChangesAsync(cancellationToken);
                member.AuthorId = byline.Id;
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            audit.Record(User, AuditActions.StaffCreated, AuditLog.Staff(member.Id), $"role {member.Role}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Input = new StaffInput();
            ModelState.Clear();
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Signs a staff member out of every browser, e.g. when a laptop is lost or someone leaves.</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync(int staffId, CancellationToken cancellationToken)
    {
        var name = await db.Staff.Where(s => s.Id == staffId).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        var ended = await StaffSetup.EndSessionsAsync(db, staffId, except: null, cancellationToken);
        audit.Record(User, AuditActions.SessionsEnded, AuditLog.Staff(staffId), $"{ended} ended by an admin");
        await db.SaveChangesAsync(cancellationToken);
        Done = text[$"SignedOutEverywhere.{Plurals.Of(System.Globalization.CultureInfo.CurrentUICulture.Name, ended)}", name, ended];
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// For someone who lost both their phone and their recovery codes: two-factor sign-in is turned off and they
    /// are signed out everywhere; an admin is made to set it up again at the next sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(int staffId, CancellationToken cancellationToken)
    {
        var member = await db.Staff.FindAsync([staffId], cancellationToken);
        if (member is null)
        {
            return NotFound();
        }

        await twoFactor.DisableAsync(member, cancellationToken);
        audit.Record(User, AuditActions.TwoFactorReset, AuditLog.Staff(staffId), "turned off by an admin; signed out everywhere");
        await db.SaveChangesAsync(cancellationToken);
        await StaffSetup.EndSessionsAsync(db, staffId, except: null, cancellationToken);
        Done = text[member.Role == StaffRole.Admin ? "TwoFactorResetAdmin" : "TwoFactorReset", member.DisplayName];
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Staff = await db.Staff.OrderBy(s => s.DisplayName)
            .Select(s => new Row(s.Id, s.DisplayName, s.Email, s.Role, s.TotpSecretProtected != null, db.StaffSessions.Count(x => x.StaffMemberId == s.Id), s.DeactivatedAt == null))
            .ToListAsync(cancellationToken);
}
