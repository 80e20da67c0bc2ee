using System.ComponentModel.DataAnnotations;

namespace Masthead.Email;

/// <summary>The SMTP server email is sent through. Bound from <c>Masthead:Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host name. Empty: no server, messages go to &lt;DataDirectory&gt;/outbox as .eml files.</summary>
    public string? Host { get; set; }

    /// <summary>The submission port: 587 by default.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Sign in with this name when set.</summary>
    public string? Username { get; set; }

    /// <summary>The password for <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Require STARTTLS before anything is sent (the default): a server that does not offer it is refused, so
    /// supporters' addresses never cross the network in the clear. Turn off only for a relay on the same machine.
    /// </summary>
    public bool UseStartTls { get; set; } = true;
}
