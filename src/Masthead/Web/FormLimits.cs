using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Masthead.Editions;
using Masthead.Email;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

/// <summary>
/// Rate limits on the public forms, with ASP.NET Core's rate limiter: per client address on every guarded form's POST
/// (<c>[EnableRateLimiting(FormLimits.X)]</c>), and per mailbox for the forms that send mail.
/// </summary>
public sealed class FormLimits : IDisposable
{
    public const string SignIn = "signin";
    public const string Support = "support";
    public const string Remind = "remind";
    public const string Restore = "restore";
    public const string Newsletter = "newsletter";
    public const string Saves = "saves";

    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _partitioned = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _options;
    private readonly byte[] _mailboxKey = RandomNumberGenerator.GetBytes(32);

    public FormLimits(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>Marks a request the per-address limit refused; the form's page then answers it (see <see cref="FormGuardAttribute"/>).</summary>
    public sealed record Refused(TimeSpan RetryAfter);

    /// <summary>
    /// Counts one post for the mailbox <paramref name="email"/> and returns how long to wait if it is over the limit,
    /// else null. The limiter holds a hash of the address under a key this process makes and never stores, so its
    /// memory matches nothing in the database.
    /// </summary>
    public TimeSpan? TryMailbox(string form, string email) => Try(form switch
    {
        Remind => _options.RemindPerEmail,
        Restore => _options.RestorePerEmail,
        Newsletter => _options.NewsletterPerEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Only the reminder, the supporter's link and the newsletter sign-up are limited per mailbox."),
    }, form, Base64Url.EncodeToString(HMACSHA256.HashData(_mailboxKey, Encoding.UTF8.GetBytes(EmailAddresses.Normalize(email)))));

    /// <summary>Counts one save of an article or appeal by staff member <paramref name="staffId"/>; how long to wait if over the limit, else null.</summary>
    public TimeSpan? TrySave(int staffId) =>
        Try(_options.SavesPerStaffMember, Saves, staffId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private TimeSpan? Try(FormLimit limit, string form, string key)
    {
        var limiter = _partitioned.GetOrAdd(form, _ => PartitionedRateLimiter.Create<string, string>(partition =>
            RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(limit))));
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
    }

    /// <summary>Marks <paramref name="response"/> as refused for rate: 429 with Retry-After in whole seconds.</summary>
    public static void Refuse(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Counts one save by staff member <paramref name="staffId"/> and, over the limit, refuses it: the message for the
    /// form in <paramref name="errors"/>, 429 with Retry-After on <paramref name="response"/>. True when refused.
    /// </summary>
    public bool RefusesSave(int staffId, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary errors, HttpResponse response, IStringLocalizer<WebText> text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (TrySave(staffId) is not { } wait)
        {
            return false;
        }

        errors.AddModelError("", SavedTooOften(wait, text));
        Refuse(response, wait);
        return true;
    }

    /// <summary>What a staff member is told when <see cref="TrySave"/> refuses a save.</summary>
    public static string SavedTooOften(TimeSpan wait, IStringLocalizer<WebText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["SavedTooOften", Describe(wait, text)];
    }

    /// <summary>"3 minutes", "1 hour", "3 минуты": a wait in words a reader can act on, in the current language.</summary>
    public static string Describe(TimeSpan wait, IStringLocalizer<WebText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        var (count, unit) = minutes < 90 ? (minutes, "Minutes") : ((int)Math.Ceiling(minutes / 60.0), "Hours");
        return count == 1 && unit == "Minutes"
            ? text["AMinute"]
            : text[$"{unit}.{Plurals.Of(CultureInfo.CurrentUICulture.Name, count)}", count.ToString(CultureInfo.CurrentCulture)];
    }

    public void Dispose()
    {
        foreach (var limiter in _partitioned.Values)
        {
            limiter.Dispose();
        }
    }

    internal static FixedWindowRateLimiterOptions Window(FormLimit limit) => new()
    {
        PermitLimit = limit.Permits, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true,
    };
}
