using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Email;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Newsletters.Admin;

/// <summary>
/// The saved issue's HTML part exactly as a reader's mail program gets it, for the editor's frames. The message's
/// inline styles are allowed here alone, in a sandbox that runs no script, and only our admin may frame it.
/// </summary>
public sealed class PreviewModel(MastheadDb db, IssueContents contents, IssueMessages messages, IOptions<EmailOptions> email) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.NewsletterIssues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } issue)
        {
            return NotFound();
        }

        var staffId = User.StaffId();
        var to = await db.Staff.Where(s => s.Id == staffId).Select(s => s.Email).SingleOrDefaultAsync(cancellationToken) ?? email.Value.From;
        using var message = messages.Compose(await contents.ReadAsync(issue, cancellationToken), to, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        var headers = Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self' data: https:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
        headers.XFrameOptions = "SAMEORIGIN";
        return Content(message.HtmlBody ?? "", "text/html; charset=utf-8");
    }
}
