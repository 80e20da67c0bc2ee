using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Email;

/// <summary>
/// How an <see cref="IOutgoingMail"/> sends the mail of its stored rows once: each row is claimed by setting its
/// "sending since" column with a conditional update, so two runs (or two nodes) never send it together; marked done
/// (sent, or deleted) only once the transport took the message; released if sending failed. A claim older than
/// <see cref="Timeout"/> is taken for a crashed send and retried: at most one duplicate after a crash, never a message lost.
/// </summary>
public static class MailClaims
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>The rows nobody is sending now: never claimed, or claimed longer ago than <see cref="Timeout"/>.</summary>
    public static IQueryable<T> Unclaimed<T>(this IQueryable<T> rows, Expression<Func<T, DateTimeOffset?>> sendingSince, DateTimeOffset now) =>
        rows.Unclaimed(sendingSince, now, Timeout);

    /// <summary>As <see cref="Unclaimed{T}(IQueryable{T}, Expression{Func{T, DateTimeOffset?}}, DateTimeOffset)"/>, with a timeout of the caller's.</summary>
    public static IQueryable<T> Unclaimed<T>(this IQueryable<T> rows, Expression<Func<T, DateTimeOffset?>> sendingSince, DateTimeOffset now, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(sendingSince);
        var stale = now - timeout;
        Expression<Func<DateTimeOffset?>> staleValue = () => stale; // a captured value, so the database gets a parameter
        var unclaimed = Expression.OrElse(
            Expression.Equal(sendingSince.Body, Expression.Constant(null, typeof(DateTimeOffset?))),
            Expression.LessThan(sendingSince.Body, staleValue.Body));
        return rows.Where(Expression.Lambda<Func<T, bool>>(unclaimed, sendingSince.Parameters));
    }

    /// <summary>
    /// Claims <paramref name="row"/> (a query for one row), runs <paramref name="send"/>, then <paramref name="done"/>.
    /// False when another run holds the claim. If sending throws, the claim is released and the error goes on.
    /// </summary>
    public static async Task<bool> SendOnceAsync<T>(
        IQueryable<T> row, Expression<Func<T, DateTimeOffset?>> sendingSince, DateTimeOffset now,
        Func<Task> send, Func<IQueryable<T>, Task> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(done);
        if (await row.Unclaimed(sendingSince, now).ExecuteUpdateAsync(s => s.SetProperty(sendingSince, now), cancellationToken) == 0)
        {
            return false;
        }

        try
        {
            await send();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await row.ExecuteUpdateAsync(s => s.SetProperty(sendingSince, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        await done(row);
        return true;
    }
}
