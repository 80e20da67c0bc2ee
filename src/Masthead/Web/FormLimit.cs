using System.ComponentModel.DataAnnotations;

namespace Masthead.Web;

/// <summary>So many posts of one form within one window of time.</summary>
public sealed class FormLimit
{
    [Range(1, int.MaxValue)]
    public int Permits { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Window { get; set; }
}
