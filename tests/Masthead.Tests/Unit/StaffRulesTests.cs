using Masthead.Staff;

namespace Masthead.Tests.Unit;

public sealed class StaffRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_failed_sign_ins_lock_the_account_for_fifteen_minutes()
    {
        var staff = new StaffMember { Email = "e@x.org", DisplayName = "E" };
        for (var i = 0; i < StaffMember.MaxFailedSignIns - 1; i++)
        {
            staff.RecordFailedSignIn(Now);
            Assert.False(staff.IsLockedOutAt(Now));
        }

        staff.RecordFailedSignIn(Now);
        Assert.True(staff.IsLockedOutAt(Now));
        Assert.True(staff.IsLockedOutAt(Now.AddMinutes(14)));
        Assert.False(staff.IsLockedOutAt(Now.AddMinutes(15)));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_failure_count()
    {
        var staff = new StaffMember { Email = "e@x.org", DisplayName = "E" };
        staff.RecordFailedSignIn(Now);
        staff.RecordFailedSignIn(Now);
        staff.RecordSignIn();
        Assert.Equal(0, staff.FailedSignIns);
    }
}
