using System.Diagnostics;
using System.Globalization;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// Masthead, a real process, is killed with SIGKILL in the middle of sending an issue and started again on the same
/// database: every reader receives the issue, and at most one twice, the one message that was in flight at the kill
/// (taken by the server, not yet marked sent). The rest of the batch the dead sender had claimed is taken again once
/// its claim is older than <c>Masthead:Newsletters:ClaimTimeout</c>, shortened here so the test need not wait ten minutes.
/// </summary>
/// <remarks>
/// Real time: the processes run on the machine's clock, so the issue is due by it. The in-memory app of <c>own</c> only
/// seeds the readers and reads the result; its jobs wait on the fake clock, which stays a month behind, so it never finds
/// the issue due, and on PostgreSQL its leases, taken at the fake clock's time, are long expired for the processes.
/// </remarks>
public abstract class KilledMidSendTests(MastheadFactory factory)
{
    private const int Readers = 3_000;
    private const int KillAfter = 300;
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(180); // a ceiling for a loaded machine, not a speed check

    [Fact]
    public async Task An_issue_cut_by_SIGKILL_reaches_every_reader_after_a_restart_and_at_most_one_twice()
    {
        await using var smtp = new RefusingSmtpServer();
        await using var own = SendingAtVolumeTests.Sending(factory, smtp);
        own.Settings["Masthead:Newsletters:ClaimTimeout"] = ClaimTimeout.ToString("c", CultureInfo.InvariantCulture);
        var (list, _) = await NewsletterDesk.ListsAsync(own);
        var readers = Enumerable.Range(0, Readers).Select(i => string.Create(CultureInfo.InvariantCulture, $"reader{i}@domain{i % 3}.test")).ToList();
        await NewsletterDesk.ReadersAsync(own, list, readers);
        var issue = await NewsletterDesk.IssueAsync(own, list, DateTimeOffset.UtcNow);

        int takenAtKill;
        await using (var first = await MastheadProcess.StartAsync(own.AppSettings()))
        {
            await UntilAsync(() => Task.FromResult(smtp.Taken >= KillAfter), () => $"{smtp.Taken} messages taken before the kill.\n{first.OutputTail}");
            first.KillHard();
            takenAtKill = smtp.Taken;
        }

        Assert.InRange(takenAtKill, KillAfter, Readers - 1);

        // The dead sender's claims are stale by the time the restarted process looks (it sends at once at start).
        await Task.Delay(ClaimTimeout);
        await using var second = await MastheadProcess.StartAsync(own.AppSettings());
        await UntilAsync(
            () => own.WithDbAsync(db => db.NewsletterIssues.AnyAsync(i => i.Id == issue && i.Status == IssueStatus.Sent)),
            () => $"{smtp.Received.Count} of {Readers} readers reached, the issue not sent.\n{second.OutputTail}");

        Assert.Equal(readers.Order(StringComparer.Ordinal), smtp.Received.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(smtp.Received.Values.Sum() - Readers, 0, 1);
        Assert.Equal(Readers, await own.WithDbAsync(db => db.NewsletterDeliveries.CountAsync(d => d.IssueId == issue && d.Status == DeliveryStatus.Sent)));
    }

    private static async Task UntilAsync(Func<Task<bool>> done, Func<string> failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < Bound, failure());
            await Task.Delay(100);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KilledMidSendTestsOnSqlite(SqliteFactory factory) : KilledMidSendTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class KilledMidSendTestsOnPostgres(PostgresFactory factory) : KilledMidSendTests(factory);
