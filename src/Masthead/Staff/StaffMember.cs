namespace Masthead.Staff;

/// <summary>A person who signs in to the newsroom's admin.</summary>
public sealed class StaffMember
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public StaffRole Role { get; set; }
    public bool MustChangePassword { get; set; }

    /// <summary>Changes whenever the password does, so old cookies stop working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// The authenticator secret (base32), encrypted with <see cref="Privacy.PersonalData"/> like supporters' data, so a
    /// copy of the database alone cannot make codes. Null while two-factor sign-in is off.
    /// </summary>
    public string? TotpSecretProtected { get; set; }

    /// <summary>The last time step whose code was accepted: no code of it or before it is taken again.</summary>
    public long? TotpLastStep { get; set; }

    public bool HasTwoFactor => TotpSecretProtected is not null;

    /// <summary>Admins must have two-factor sign-in; writers and editors may choose it.</summary>
    public bool MustEnrolTwoFactor => Role == StaffRole.Admin && !HasTwoFactor;

    /// <summary>The byline this person writes under, if any.</summary>
    public int? AuthorId { get; set; }

    /// <summary>When an admin turned this account off; null while it is active. A deactivated account cannot sign in.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>
    /// Turns the account off: a new security stamp, so every cookie it holds stops working at its next request (the
    /// caller also deletes its sessions).
    /// </summary>
    public void Deactivate(DateTimeOffset now)
    {
        DeactivatedAt = now;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public void Reactivate() => DeactivatedAt = null;

    /// <summary>The language this person reads the admin in (<see cref="StaffLanguages"/>), whatever the site's editions are.</summary>
    public string Language { get; set; } = StaffLanguages.English;
}
