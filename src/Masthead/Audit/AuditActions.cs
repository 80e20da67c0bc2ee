namespace Masthead.Audit;

/// <summary>The actions recorded, as stable strings: they are stored, filtered on and exported.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string PasswordChanged = "password-changed";
    public const string StaffCreated = "staff-created";
    public const string StaffRoleChanged = "staff-role-changed";
    public const string StaffDeactivated = "staff-deactivated";
    public const string StaffReactivated = "staff-reactivated";
    public const string ArticlePublished = "article-published";
    public const string ArticleUnpublished = "article-unpublished";
    public const string ArticleScheduled = "article-scheduled";
    public const string PageCreated = "page-created";
    public const string PageSaved = "page-saved";
    public const string PageDeleted = "page-deleted";
    public const string AppealSaved = "appeal-saved";
    public const string AppealActivated = "appeal-activated";
    public const string AppealDeactivated = "appeal-deactivated";
    public const string SupporterViewed = "supporter-viewed";
    public const string SupportersExported = "supporters-exported";
    public const string ContributionsExported = "contributions-exported";
    public const string AuditExported = "audit-exported";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string TwoFactorReset = "two-factor-reset";
    public const string RecoveryCodesRenewed = "recovery-codes-renewed";
    public const string SessionsEnded = "sessions-ended";
    public const string LanguageChanged = "language-changed";
    public const string ImportFinished = "import-finished";
    public const string RedirectAdded = "redirect-added";
    public const string RedirectDeleted = "redirect-deleted";
    public const string MirrorAdded = "mirror-added";
    public const string MirrorRemoved = "mirror-removed";
    public const string NewsletterListSaved = "newsletter-list-saved";
    public const string NewsletterScheduled = "newsletter-scheduled";
    public const string NewsletterUnscheduled = "newsletter-unscheduled";
    public const string NewsletterTestSent = "newsletter-test-sent";
    public const string NewsletterDeleted = "newsletter-deleted";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, PasswordChanged, StaffCreated, StaffRoleChanged, StaffDeactivated, StaffReactivated,
        ArticlePublished, ArticleUnpublished, ArticleScheduled, PageCreated, PageSaved, PageDeleted,
        AppealSaved, AppealActivated, AppealDeactivated, SupporterViewed, SupportersExported, ContributionsExported, AuditExported,
        ImportFinished, RedirectAdded, RedirectDeleted, MirrorAdded, MirrorRemoved,
        NewsletterListSaved, NewsletterScheduled, NewsletterUnscheduled, NewsletterTestSent, NewsletterDeleted,
    ];
}
