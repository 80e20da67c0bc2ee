using System.ComponentModel.DataAnnotations;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Pages.Admin.Staff;

public sealed class IndexModel(MastheadDb db, StaffSignIn signIn, AuditLog audit) : PageModel
{
    public sealed record Row(string DisplayName, string Email, StaffRole Role);

    public sealed class StaffInput
    {
        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200, ErrorMessage = "Keep the name under {1} characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter an email address.")]
        [EmailAddress(ErrorMessage = "That is not an email address.")]
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

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = Input.Email?.Trim().ToLowerInvariant() ?? "";
        if (ModelState.IsValid && await db.Staff.AnyAsync(s => s.Email == email, cancellationToken))
        {
            ModelState.AddModelError("Input.Email", "This address already has an account.");
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

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Staff = await db.Staff.OrderBy(s => s.DisplayName).Select(s => new Row(s.DisplayName, s.Email, s.Role)).ToListAsync(cancellationToken);
}
