using System.Net;
using Masthead.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Unit;

public sealed class StaffRulesTests
{
    private static readonly IPAddress Outsider = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.2");

    [Fact]
    public void Five_failures_from_one_address_make_it_wait_thirty_seconds_then_twice_as_long_each_time_up_to_fifteen_minutes()
    {
        Assert.Equal(TimeSpan.Zero, SignInThrottle.WaitAfter(SignInThrottle.FreeFailures - 1));
        Assert.Equal(TimeSpan.FromSeconds(30), SignInThrottle.WaitAfter(SignInThrottle.FreeFailures));
        Assert.Equal(TimeSpan.FromSeconds(60), SignInThrottle.WaitAfter(SignInThrottle.FreeFailures + 1));
        Assert.Equal(TimeSpan.FromMinutes(8), SignInThrottle.WaitAfter(SignInThrottle.FreeFailures + 4));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.WaitAfter(SignInThrottle.FreeFailures + 5));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.WaitAfter(10_000));
    }

    [Fact]
    public void Failures_slow_only_their_own_account_and_address_and_are_forgotten_after_an_hour_or_a_sign_in()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            Assert.False(throttle.MustWait("Admin@Example.org", Outsider));
            throttle.Failed("admin@example.org", Outsider);
        }

        Assert.True(throttle.MustWait("admin@example.org", Outsider));
        Assert.False(throttle.MustWait("admin@example.org", Owner));
        Assert.False(throttle.MustWait("editor@example.org", Outsider));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(throttle.MustWait("admin@example.org", Outsider));
        throttle.Failed("admin@example.org", Outsider);
        Assert.True(throttle.MustWait("admin@example.org", Outsider));

        clock.Advance(SignInThrottle.Forgotten + TimeSpan.FromMinutes(1));
        throttle.Failed("admin@example.org", Outsider);
        Assert.False(throttle.MustWait("admin@example.org", Outsider));

        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            throttle.Failed("admin@example.org", Outsider);
        }

        throttle.Succeeded("admin@example.org", Outsider);
        Assert.False(throttle.MustWait("admin@example.org", Outsider));
    }
}
