namespace Masthead.Audit;

/// <summary>
/// One sensitive thing a staff member did: who, when, to what. The actor's name and address are a snapshot, so the
/// entry still says who it was after the account changes. Never holds supporters' personal data.
/// </summary>
public sealed class AuditEntry
{
    public const int NameLength = 200;
    public const int EmailLength = 254;
    public const int ActionLength = 40;
    public const int TargetLength = 100;
    public const int DetailLength = 300;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The staff member who acted; null for a failed sign-in with an address that has no account, and on the command line.</summary>
    public int? StaffId { get; set; }

    public string StaffName { get; set; } = "";
    public string StaffEmail { get; set; } = "";

    /// <summary>One of <see cref="AuditActions.All"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on, by kind and id ("article 12", "staff 5"); empty when the action has none.</summary>
    public string Target { get; set; } = "";

    public string Detail { get; set; } = "";
}

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

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, PasswordChanged, StaffCreated, StaffRoleChanged, StaffDeactivated, StaffReactivated,
        ArticlePublished, ArticleUnpublished, ArticleScheduled,
        AppealSaved, AppealActivated, AppealDeactivated, SupporterViewed, SupportersExported, ContributionsExported, AuditExported,
    ];
}
