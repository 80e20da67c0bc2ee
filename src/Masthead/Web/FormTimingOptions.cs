using System.ComponentModel.DataAnnotations;

namespace Masthead.Web;

/// <summary>
/// How quickly a person can fill in a public form (<c>Masthead:FormTiming</c>). A form posted back sooner than
/// <see cref="MinimumFillTime"/> after it was shown, or later than <see cref="MaximumAge"/>, is shown again instead.
/// </summary>
public sealed class FormTimingOptions
{
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Masthead:FormTiming:MinimumFillTime must be between 0 and 5 minutes.")]
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00", ErrorMessage = "Masthead:FormTiming:MaximumAge must be between 10 minutes and 30 days.")]
    public TimeSpan MaximumAge { get; set; } = TimeSpan.FromDays(1);
}
