using MimeKit;
using MimeKit.Utils;

namespace Masthead.Email;

/// <summary>One email to one person: plain text, and optionally an HTML version of the same text.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    /// <summary>The complete message, from <paramref name="from"/>, dated <paramref name="date"/>.</summary>
    public MimeMessage ToMimeMessage(MailboxAddress from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(from);
        var message = new MimeMessage
        {
            Subject = Subject,
            Date = date,
            Body = new BodyBuilder { TextBody = TextBody, HtmlBody = HtmlBody }.ToMessageBody(),

            // MimeKit's default Message-Id names this machine; a recipient should learn nothing about the server.
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(To));
        return message;
    }

    /// <summary>"j***@example.org": enough to tell messages apart in a log without writing down who supports us.</summary>
    public static string Mask(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }

    // What the transports log, and all a log gets if a message is written to it by mistake: never the text or full address.
    public override string ToString() => $"email \"{Subject}\" to {Mask(To)}";
}
