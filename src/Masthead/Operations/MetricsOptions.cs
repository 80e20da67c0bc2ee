using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Masthead.Operations;

/// <summary>Bound from <c>Masthead:Metrics</c>: the Prometheus scrape endpoint.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    /// <summary>Off by default: nothing listens, and counting costs next to nothing.</summary>
    public bool Enabled { get; set; }

    /// <summary>The scrape endpoint's own port (9464, OpenTelemetry's usual one), apart from the site's, so a proxy in front never passes it on.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 9464;

    /// <summary>The address that port listens on: loopback unless a Prometheus elsewhere must reach it (then e.g. a private interface's address, or 0.0.0.0 behind a firewall).</summary>
    public string Address { get; set; } = "127.0.0.1";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult($"Masthead:Metrics:Address must be an IP address such as 127.0.0.1 or 0.0.0.0, not \"{Address}\".", [nameof(Address)]);
        }
    }
}
