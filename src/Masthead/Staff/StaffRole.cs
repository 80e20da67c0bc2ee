namespace Masthead.Staff;

/// <summary>What a staff member may do. Each role includes the ones before it.</summary>
public enum StaffRole
{
    /// <summary>Writes and edits their own unpublished articles.</summary>
    Writer,

    /// <summary>Edits, schedules, publishes and unpublishes any article.</summary>
    Editor,

    /// <summary>Everything an editor does, plus staff accounts and settings.</summary>
    Admin,
}
