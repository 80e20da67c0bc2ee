using System.ComponentModel.DataAnnotations;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Articles.Admin;

public sealed class AuthorsModel(MastheadDb db, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed record Row(string Name, string Slug, int Articles);

    public sealed class AuthorInput
    {
        [Required(ErrorMessage = "Enter the author's name.")]
        [StringLength(200, ErrorMessage = "Keep the name under {1} characters.")]
        public string Name { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Keep the biography under {1} characters.")]
        public string? Bio { get; set; }
    }

    [BindProperty]
    public AuthorInput Input { get; set; } = new();

    public IReadOnlyList<Row> Authors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var slug = Slugs.From(Input.Name ?? "");
        if (ModelState.IsValid && slug.Length == 0)
        {
            ModelState.AddModelError("Input.Name", text["NameNeedsLetters"]);
        }
        else if (ModelState.IsValid && await db.Authors.AnyAsync(a => a.Slug == slug, cancellationToken))
        {
            ModelState.AddModelError("Input.Name", text["AuthorExists"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Authors.Add(new Author { Name = Input.Name!.Trim(), Slug = slug, Bio = Input.Bio?.Trim() ?? "" });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/authors");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Authors = await db.Authors.OrderBy(a => a.Name).Select(a => new Row(a.Name, a.Slug, a.Articles.Count)).ToListAsync(cancellationToken);
}
