namespace Masthead.Staff;

/// <summary>One single-use recovery code, kept only as its hash.</summary>
public sealed class StaffRecoveryCode
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public required string CodeHash { get; set; }
}
