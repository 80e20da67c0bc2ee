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
