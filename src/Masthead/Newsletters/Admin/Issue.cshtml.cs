using System.Globalization;
using System.Security.Cryptography;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Email;
using Masthead.Jobs;
using Masthead.Newsroom;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Newsletters.Admin;

/// <summary>
/// Writing an issue: a list, a subject, a Markdown intro and articles picked from the site; then a preview at phone and
/// desktop width, a test send to chosen staff, and Schedule or Send now. Every button saves the form first, so what is
/// previewed, tested and sent is what was typed. Serves /admin/newsletters/issues/new and /admin/newsletters/issues/{id}.
/// </summary>
public sealed partial class IssueModel(
    MastheadDb db, IssueContents contents, IssueMessages messages, AuditLog audit, JobHost jobs, IOptions<NewsroomOptions> newsroom,
    IOptions<EmailOptions> email, IConfiguration configuration, TimeProvider clock, IStringLocalizer<AdminText> text, ILogger<IssueModel> logger) : PageModel
{
    public const string SaveIntent = "Save";
    public const string TestIntent = "Test";
    public const string ScheduleIntent = "Schedule";
    public const string SendNowIntent = "SendNow";
    public const string UnscheduleIntent = "Unschedule";
    public const string DeleteIntent = "Delete";

    /// <summary>How many of the newest articles of the list's edition the picker offers; older ones are added by address.</summary>
    public const int ArticlesOffered = 30;

    public const int OtherEditionsOffered = 10;

    private static readonly string[] Intents = [SaveIntent, TestIntent, ScheduleIntent, SendNowIntent, UnscheduleIntent, DeleteIntent];

    public sealed record ArticleChoice(int Id, string Edition, string Headline, DateTimeOffset? PublishAt);

    public sealed record StaffChoice(int Id, string Name, string Email);

    [BindProperty]
    public IssueForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public NewsletterIssue? Existing { get; private set; }

    public IReadOnlyList<NewsletterList> Lists { get; private set; } = [];

    public IReadOnlyList<ArticleChoice> Choices { get; private set; } = [];

    public IReadOnlyList<StaffChoice> StaffMembers { get; private set; } = [];

    public IssueProgress Progress { get; private set; } = IssueProgress.None;

    /// <summary>The saved issue's plain-text part, as a reader's mail program without HTML shows it.</summary>
    public string? PreviewText { get; private set; }

    /// <summary>Only an issue whose time has not come can change: what is being sent stays what readers get.</summary>
    public bool IsEditable => Existing is null || Existing.Status == IssueStatus.Draft || (Existing.Status == IssueStatus.Scheduled && Existing.SendAt > clock.GetUtcNow());

    public TimeZoneInfo Zone => newsroom.Value.Zone;

    public async Task<IActionResult> OnGetAsync(int? id, int? list, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        Form = Existing is null ? new IssueForm { ListId = list ?? Lists.FirstOrDefault(l => l.IsActive)?.Id } : IssueForm.From(Existing, Zone);
        Form.TestTo = [User.StaffId()];
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!Intents.Contains(intent))
        {
            ModelState.AddModelError("", text["IntentNotValid", intent ?? ""]);
            return await RefusedAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (intent == UnscheduleIntent)
        {
            return await UnscheduleAsync(cancellationToken);
        }

        if (intent == DeleteIntent)
        {
            return await DeleteAsync(cancellationToken);
        }

        if (!IsEditable)
        {
            ModelState.AddModelError("", text["AlreadySending"]);
            return await RefusedAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var (list, articles) = await ValidateAsync(intent is ScheduleIntent or SendNowIntent, now, cancellationToken);
        var sendAt = intent == SendNowIntent ? now : intent == ScheduleIntent ? Form.ReadSendAt(Zone) : null;
        if (intent == ScheduleIntent && sendAt is null)
        {
            ModelState.AddModelError("Form.SendAt", text["ChooseWhenToSend"]);
        }
        else if (intent == ScheduleIntent && sendAt <= now)
        {
            ModelState.AddModelError("Form.SendAt", text["TimeHasPassed"]);
        }

        var testTo = intent == TestIntent ? await TestRecipientsAsync(cancellationToken) : [];
        if (!ModelState.IsValid || list is null)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (await SaveAsync(list, articles, sendAt, now, cancellationToken) is not { } saved)
        {
            ModelState.AddModelError("", text["AlreadySending"]);
            return await RefusedAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        switch (intent)
        {
            case ScheduleIntent:
                audit.Record(User, AuditActions.NewsletterScheduled, $"newsletter-issue:{saved.Id}", Dates.Iso(sendAt!.Value));
                Notice = text["Scheduled", Dates.DateAndTime(sendAt.Value, newsroom.Value)];
                break;
            case SendNowIntent:
                audit.Record(User, AuditActions.NewsletterScheduled, $"newsletter-issue:{saved.Id}", Dates.Iso(now));
                Notice = text["SendingStarted"];
                break;
            case TestIntent:
                if (!await SendTestAsync(saved, testTo, cancellationToken))
                {
                    Existing = saved;
                    return await RefusedAsync(StatusCodes.Status503ServiceUnavailable, cancellationToken);
                }

                audit.Record(User, AuditActions.NewsletterTestSent, $"newsletter-issue:{saved.Id}", string.Join(", ", testTo.Select(s => s.Email)));
                Notice = text["TestSent", string.Join(", ", testTo.Select(s => s.Email))];
                break;
            default:
                Notice = text["Saved"];
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (intent == SendNowIntent)
        {
            await jobs.WakeAsync(IssueSending.JobName, cancellationToken);
        }

        return Redirect($"/admin/newsletters/issues/{saved.Id}");
    }

    private async Task<IActionResult> UnscheduleAsync(CancellationToken cancellationToken)
    {
        // Conditional: the job may have begun queueing it a moment ago, and a queued issue is past recalling.
        var now = clock.GetUtcNow();
        if (Existing is null || await db.NewsletterIssues.Where(i => i.Id == Existing.Id && i.Status == IssueStatus.Scheduled && i.SendAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IssueStatus.Draft).SetProperty(i => i.SendAt, (DateTimeOffset?)null), cancellationToken) == 0)
        {
            ModelState.AddModelError("", text["NotScheduled"]);
            if (Existing is not null)
            {
                Form = IssueForm.From(Existing, Zone);
            }

            return await RefusedAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        audit.Record(User, AuditActions.NewsletterUnscheduled, $"newsletter-issue:{Existing.Id}");
        await db.SaveChangesAsync(cancellationToken);
        Notice = text["Unscheduled"];
        return Redirect($"/admin/newsletters/issues/{Existing.Id}");
    }

    /// <summary>Only a draft goes: a scheduled issue is put back first, and one sent stays as the record of what readers got.</summary>
    private async Task<IActionResult> DeleteAsync(CancellationToken cancellationToken)
    {
        if (Existing is null || await db.NewsletterIssues.Where(i => i.Id == Existing.Id && i.Status == IssueStatus.Draft).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            ModelState.AddModelError("", text["OnlyDraftsDeleted"]);
            if (Existing is not null)
            {
                Form = IssueForm.From(Existing, Zone);
            }

            return await RefusedAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        audit.Record(User, AuditActions.NewsletterDeleted, $"newsletter-issue:{Existing.Id}", Existing.Subject);
        await db.SaveChangesAsync(cancellationToken);
        Notice = text["Deleted", Existing.Subject];
        return Redirect("/admin/newsletters");
    }

    /// <summary>The chosen list and the articles in the issue's order, each visible now and in the list's edition; errors into ModelState.</summary>
    private async Task<(NewsletterList? List, List<int> Articles)> ValidateAsync(bool sending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = Lists.FirstOrDefault(l => l.Id == Form.ListId);
        if (list is null)
        {
            ModelState.AddModelError("Form.ListId", text["ChooseList"]);
        }
        else if (sending && !list.IsActive)
        {
            ModelState.AddModelError("Form.ListId", text["ListIsOff", list.Name]);
        }

        var subject = Form.Subject?.Trim() ?? "";
        if (subject.Length == 0 || subject.Length > NewsletterIssue.SubjectLength)
        {
            ModelState.AddModelError("Form.Subject", text["SubjectRule", NewsletterIssue.SubjectLength]);
        }

        var intro = Form.Intro?.Trim() ?? "";
        if (intro.Length > NewsletterIssue.IntroLength)
        {
            ModelState.AddModelError("Form.Intro", text["IntroTooLong", NewsletterIssue.IntroLength]);
        }
        else if (intro.Length > 0 && ArticleMarkdown.TryToHtml(intro) is null)
        {
            ModelState.AddModelError("Form.Intro", text["IntroTooComplex"]);
        }

        var articles = new List<int>();
        if (list is not null)
        {
            var visible = db.Articles.Visible(now).Where(a => a.Edition == list.Edition);
            var ticked = Form.Articles.Distinct().ToList();
            var found = await visible.Where(a => ticked.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
            if (found.Count < ticked.Count)
            {
                ModelState.AddModelError("Form.Articles", text["ArticleNotInEdition", list.Name]);
            }

            articles.AddRange(ticked.Where(found.Contains));
            foreach (var reference in Form.References())
            {
                var byId = int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
                var id = await visible.Where(a => a.Slug == reference || a.Id == byId).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
                if (id is null)
                {
                    ModelState.AddModelError("Form.MoreArticles", text["NoSuchArticle", reference, list.Name]);
                }
                else if (!articles.Contains(id.Value))
                {
                    articles.Add(id.Value);
                }
            }
        }

        if (articles.Count > IssueForm.MaxArticles)
        {
            ModelState.AddModelError("Form.Articles", text["TooManyArticles", IssueForm.MaxArticles]);
        }
        else if (ModelState.IsValid && articles.Count == 0 && intro.Length == 0)
        {
            ModelState.AddModelError("", text["NothingToSend"]);
        }

        return (list, articles);
    }

    private async Task<List<StaffChoice>> TestRecipientsAsync(CancellationToken cancellationToken)
    {
        var chosen = Form.TestTo.Distinct().ToList();
        var staff = await db.Staff.Where(s => chosen.Contains(s.Id) && s.DeactivatedAt == null)
            .Select(s => new StaffChoice(s.Id, s.DisplayName, s.Email)).ToListAsync(cancellationToken);
        if (staff.Count == 0 || staff.Count < chosen.Count)
        {
            ModelState.AddModelError("Form.TestTo", text["ChooseTestRecipients"]);
        }
        else if (staff.Count > IssueForm.MaxTestRecipients)
        {
            ModelState.AddModelError("Form.TestTo", text["TooManyTestRecipients", IssueForm.MaxTestRecipients]);
        }

        return staff;
    }

    /// <summary>A new draft, or the existing issue changed while it is a draft or scheduled for later; null when its time came first.</summary>
    private async Task<NewsletterIssue?> SaveAsync(NewsletterList list, List<int> articles, DateTimeOffset? sendAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = Form.Subject!.Trim();
        var intro = Form.Intro?.Trim() ?? "";
        var ids = string.Join(',', articles.Select(a => a.ToString(CultureInfo.InvariantCulture)));
        if (Existing is null)
        {
            var issue = new NewsletterIssue
            {
                ListId = list.Id, Subject = subject, IntroMarkdown = intro, ArticleIds = ids, CreatedAt = now,
                Status = sendAt is null ? IssueStatus.Draft : IssueStatus.Scheduled, SendAt = sendAt,
            };
            db.NewsletterIssues.Add(issue);
            await db.SaveChangesAsync(cancellationToken);
            return issue;
        }

        var rows = db.NewsletterIssues.Where(i => i.Id == Existing.Id && (i.Status == IssueStatus.Draft || (i.Status == IssueStatus.Scheduled && i.SendAt > now)));
        var changed = sendAt is null
            ? await rows.ExecuteUpdateAsync(s => s.SetProperty(i => i.ListId, list.Id).SetProperty(i => i.Subject, subject)
                .SetProperty(i => i.IntroMarkdown, intro).SetProperty(i => i.ArticleIds, ids), cancellationToken)
            : await rows.ExecuteUpdateAsync(s => s.SetProperty(i => i.ListId, list.Id).SetProperty(i => i.Subject, subject)
                .SetProperty(i => i.IntroMarkdown, intro).SetProperty(i => i.ArticleIds, ids)
                .SetProperty(i => i.Status, IssueStatus.Scheduled).SetProperty(i => i.SendAt, sendAt), cancellationToken);
        return changed == 0 ? null : await db.NewsletterIssues.AsNoTracking().SingleAsync(i => i.Id == Existing.Id, cancellationToken);
    }

    /// <summary>
    /// The issue as readers will get it, to each chosen staff address, marked as a test in the subject. Its manage and
    /// unsubscribe links carry a token nobody holds, so following them changes no reader's lists.
    /// </summary>
    private async Task<bool> SendTestAsync(NewsletterIssue issue, IReadOnlyList<StaffChoice> to, CancellationToken cancellationToken)
    {
        var read = await contents.ReadAsync(issue, cancellationToken);
        var marked = read with
        {
            Issue = new NewsletterIssue
            {
                Id = issue.Id, ListId = issue.ListId, Subject = text["TestSubject", issue.Subject], IntroMarkdown = issue.IntroMarkdown, ArticleIds = issue.ArticleIds,
            },
        };
        try
        {
            await using var post = await IssuePost.OpenAsync(email.Value, configuration, clock, cancellationToken);
            foreach (var staff in to)
            {
                using var message = messages.Compose(marked, staff.Email, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
                await post.SendAsync(message, cancellationToken);
            }

            return true;
        }
        catch (Exception failure) when (failure is MailKit.CommandException or MailKit.ProtocolException or MailKit.Security.AuthenticationException
            or MailKit.Security.SslHandshakeException or IOException or System.Net.Sockets.SocketException)
        {
            LogTestFailed(logger, failure, issue.Id);
            ModelState.AddModelError("Form.TestTo", text["TestFailed", failure.Message]);
            return false;
        }
    }

    private async Task<IActionResult> RefusedAsync(int status, CancellationToken cancellationToken)
    {
        Response.StatusCode = status;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Lists = await db.NewsletterLists.AsNoTracking().OrderBy(l => l.Edition).ThenBy(l => l.Position).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        if (id is null)
        {
            return null;
        }

        Existing = await db.NewsletterIssues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return Existing is null ? NotFound() : null;
    }

    /// <summary>What the form offers: the chosen articles first in their order, then the newest others; the staff; and, for a saved issue, its progress and text.</summary>
    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var chosen = Form.Articles.Distinct().ToList();
        var edition = Lists.FirstOrDefault(l => l.Id == Form.ListId)?.Edition;
        var latest = await db.Articles.Visible(now).Where(a => a.Edition == edition).Take(ArticlesOffered)
            .Select(a => new ArticleChoice(a.Id, a.Edition, a.Headline, a.PublishAt)).ToListAsync(cancellationToken);

        // A few of the other editions' too, labelled: the list may be changed on the form before the first save.
        latest.AddRange(await db.Articles.Visible(now).Where(a => a.Edition != edition).Take(OtherEditionsOffered)
            .Select(a => new ArticleChoice(a.Id, a.Edition, a.Headline, a.PublishAt)).ToListAsync(cancellationToken));
        var picked = await db.Articles.Where(a => chosen.Contains(a.Id)).Select(a => new ArticleChoice(a.Id, a.Edition, a.Headline, a.PublishAt)).ToListAsync(cancellationToken);
        Choices = [.. chosen.SelectMany(id => picked.Where(p => p.Id == id)), .. latest.Where(a => !chosen.Contains(a.Id))];
        StaffMembers = await db.Staff.Where(s => s.DeactivatedAt == null).OrderBy(s => s.DisplayName)
            .Select(s => new StaffChoice(s.Id, s.DisplayName, s.Email)).ToListAsync(cancellationToken);
        if (Existing is not null)
        {
            Progress = (await IssueProgress.OfAsync(db, [Existing.Id], cancellationToken)).GetValueOrDefault(Existing.Id, IssueProgress.None);
            using var message = messages.Compose(await contents.ReadAsync(Existing, cancellationToken), StaffMembers.FirstOrDefault(s => s.Id == User.StaffId())?.Email ?? email.Value.From,
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            PreviewText = message.TextBody;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The test send of newsletter issue {IssueId} failed")]
    private static partial void LogTestFailed(ILogger logger, Exception failure, int issueId);
}
