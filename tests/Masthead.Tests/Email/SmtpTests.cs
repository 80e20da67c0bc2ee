using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Email;

/// <summary>Real mail through smtp4dev (see SmtpInbox); fails, never skips, without it.</summary>
public sealed class SmtpTests : IDisposable
{
    private readonly SmtpInbox _inbox = new();

    [Fact]
    public async Task A_message_sent_through_SMTP_arrives_with_its_sender_subject_and_both_bodies()
    {
        await using var factory = new SqliteFactory();
        foreach (var (key, value) in _inbox.Settings())
        {
            factory.Settings[key] = value;
        }

        factory.Settings["Masthead:Email:From"] = "desk@meridian.example";
        factory.Settings["Masthead:Email:FromName"] = "Meridian desk";
        factory.Settings["Masthead:Email:Smtp:Username"] = "masthead";
        factory.Settings["Masthead:Email:Smtp:Password"] = "smtp-password";
        var reader = SmtpInbox.UniqueAddress();

        var transport = Assert.IsType<SmtpEmailTransport>(factory.Services.GetRequiredService<IEmailTransport>());
        await transport.SendAsync(new EmailMessage(reader, "Спасибо — your support", "Thank you.\nЖурнал.", "<p>Thank you.</p>"), default);

        using var received = await _inbox.WaitForMessageToAsync(reader);
        Assert.Equal("Спасибо — your support", received.Subject);
        var from = Assert.Single(received.From.Mailboxes);
        Assert.Equal(("Meridian desk", "desk@meridian.example"), (from.Name, from.Address));
        Assert.Equal(reader, Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("Thank you.\nЖурнал.", received.TextBody?.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("<p>Thank you.</p>", received.HtmlBody?.TrimEnd());
        Assert.Equal(MastheadFactory.StartTime, received.Date);
    }

    [Fact]
    public async Task A_server_without_STARTTLS_is_refused_when_StartTls_is_required_and_nothing_is_sent()
    {
        var options = new EmailOptions { Smtp = { Host = _inbox.Host, Port = _inbox.Port, UseStartTls = true } };
        var transport = new SmtpEmailTransport(Options.Create(options), Options.Create(new NewsroomOptions()), TimeProvider.System, NullLogger<SmtpEmailTransport>.Instance);
        var reader = SmtpInbox.UniqueAddress();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => transport.SendAsync(new EmailMessage(reader, "Receipt", "Body"), default));

        Assert.Contains("STARTTLS", refused.Message);
        Assert.Empty(await _inbox.MessageIdsToAsync(reader));
    }

    public void Dispose() => _inbox.Dispose();
}
