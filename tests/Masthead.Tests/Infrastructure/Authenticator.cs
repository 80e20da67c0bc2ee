using Masthead.Data;
using Masthead.Privacy;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// A staff member's authenticator app, for the HTTP tests (<c>TwoFactorSteps</c>) and the browser tests alike
/// (Masthead.BrowserTests links this file): the code it shows, and a code the server has not yet accepted.
/// </summary>
public static class Authenticator
{
    /// <summary>The code the app shows for <paramref name="secret"/> at <paramref name="clock"/>'s time.</summary>
    public static string CodeNow(byte[] secret, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Totp.Code(secret, Totp.StepAt(clock.GetUtcNow()));
    }

    /// <summary>The authenticator secret stored for <paramref name="email"/>, read as the app would hold it, and the last step used.</summary>
    public static async Task<(byte[] Secret, long? LastStep)> StoredAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var staff = await scope.ServiceProvider.GetRequiredService<MastheadDb>().Staff.AsNoTracking().SingleAsync(s => s.Email == email);
        var secret = Totp.FromBase32(scope.ServiceProvider.GetRequiredService<PersonalData>().Unprotect(staff.TotpSecretProtected!))!;
        return (secret, staff.TotpLastStep);
    }

    /// <summary>
    /// A code the app would show now that the server has not yet accepted for <paramref name="email"/>. Each code
    /// works once, so when this step's code is used up the app's <paramref name="clock"/> moves on to the next step,
    /// as real time would.
    /// </summary>
    public static async Task<string> FreshCodeAsync(IServiceProvider services, FakeTimeProvider clock, string email)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var (secret, lastStep) = await StoredAsync(services, email);
        var step = Totp.StepAt(clock.GetUtcNow());
        if (step <= lastStep)
        {
            clock.Advance(Totp.Step * (lastStep.Value - step + 1));
            step = lastStep.Value + 1;
        }

        return Totp.Code(secret, step);
    }
}
