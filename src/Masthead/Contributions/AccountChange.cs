namespace Masthead.Contributions;

/// <summary>How a supporter's change on their page went; the reader's message for a failure is in the page's errors.</summary>
public sealed record AccountChange(AccountChange.Result Outcome, string? Notice = null, Uri? Portal = null)
{
    public enum Result
    {
        /// <summary>Done; <see cref="Notice"/> says what changed, or <see cref="Portal"/> is where to send them.</summary>
        Done,

        /// <summary>No such running gift of theirs, or its provider cannot do this: 404.</summary>
        NotFound,

        /// <summary>What they typed is not accepted: 400, the message beside the field.</summary>
        Invalid,

        /// <summary>The payment provider could not be reached, so nothing changed: 503.</summary>
        Unavailable,
    }

    public static AccountChange NotFound { get; } = new(Result.NotFound);

    public static AccountChange Invalid { get; } = new(Result.Invalid);

    public static AccountChange Unavailable { get; } = new(Result.Unavailable);
}
