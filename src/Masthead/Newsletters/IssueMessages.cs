using System.Net;
using System.Text;
using Masthead.Articles;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Reach;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Utils;

namespace Masthead.Newsletters;

/// <summary>An issue as it leaves for one reader: the same HTML and text for all but the reader's own links and headers.</summary>
public sealed class IssueMessages(
    IOptions<NewsletterOptions> options, IOptions<EmailOptions> email, PublicAddress address, IStringLocalizer<NewslettersText> text, TimeProvider clock)
{
    /// <summary>Where the issue's appeal link leads; the contribution page takes the reader's frequency from there.</summary>
    public const string SupportPath = "/support?campaign=newsletter";

    /// <summary>What an issue carries, read once per batch.</summary>
    public sealed record Contents(
        NewsletterIssue Issue, Edition Edition, IReadOnlyList<IssueArticle> Articles, string? AppealMarkdown, string? AppealHtml, MirrorList.Current Mirrors);

    /// <summary>Copies listed in an issue, newest first: enough to get through a block, few enough to read.</summary>
    public const int MirrorsListed = 5;

    public sealed record IssueArticle(string Slug, string Headline, string Standfirst);

    /// <summary>The message for the reader at <paramref name="to"/>, whose link token is <paramref name="token"/>; DKIM-signed when configured.</summary>
    public MimeMessage Compose(Contents contents, string to, string token)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var edition = contents.Edition;
        using var language = edition.UseCulture();
        var unsubscribe = address.ForEmail(NewsletterPaths.Unsubscribe(token), edition);
        var manage = address.ForEmail(NewsletterPaths.Manage(token), edition);
        var support = address.ForEmail(SupportPath, edition);
        var from = email.Value.Sender(edition.NewsroomName);
        var message = new MimeMessage
        {
            Subject = contents.Issue.Subject,
            Date = clock.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = new BodyBuilder { TextBody = Text(contents, support, manage, unsubscribe), HtmlBody = Html(contents, support, manage, unsubscribe) }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));

        // RFC 2369 and RFC 8058: mail programs show their own "Unsubscribe" and post the one-click body to the first address.
        var mailbox = string.IsNullOrWhiteSpace(options.Value.UnsubscribeMailbox) ? email.Value.From : options.Value.UnsubscribeMailbox;
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>, <mailto:{mailbox}?subject=unsubscribe-{token}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        Sign(message);
        return message;
    }

    private static readonly string[] SignedHeaders = ["From", "To", "Subject", "Date", "Message-Id", "List-Unsubscribe", "List-Unsubscribe-Post"];

    private void Sign(MimeMessage message)
    {
        var dkim = options.Value.Dkim;
        if (!dkim.IsConfigured)
        {
            return;
        }

        var signer = new DkimSigner(dkim.PrivateKeyFile!, dkim.Domain!, dkim.Selector!)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };

        // Signed as it will travel: 7-bit, so no server on the way re-encodes the body under the signature.
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, SignedHeaders);
    }

    private string Text(Contents contents, string support, string manage, string unsubscribe)
    {
        var body = new StringBuilder();
        if (contents.Issue.IntroMarkdown.Length > 0)
        {
            body.AppendLine(contents.Issue.IntroMarkdown).AppendLine();
        }

        foreach (var article in contents.Articles)
        {
            body.AppendLine(article.Headline);
            if (article.Standfirst.Length > 0)
            {
                body.AppendLine(article.Standfirst);
            }

            body.AppendLine(address.ForEmail($"/articles/{article.Slug}", contents.Edition)).AppendLine();
        }

        body.AppendLine("—").AppendLine(text["IssueFrom", contents.Edition.NewsroomName]);
        if (contents.AppealMarkdown is { Length: > 0 } appeal)
        {
            body.AppendLine(appeal);
        }

        body.AppendLine(text["IssueSupport", support]).AppendLine();
        if (Reachable(contents) is { Count: > 0 } addresses)
        {
            body.AppendLine(text["IssueReachHeading"]);
            foreach (var other in addresses)
            {
                body.AppendLine(other);
            }

            body.AppendLine(text["IssueReachAll", address.ForEmail(ReachPath, contents.Edition)]).AppendLine();
        }

        AppendFooter(body, manage, unsubscribe);
        return body.ToString();
    }

    private const string ReachPath = "/reach";

    /// <summary>The other roads to the newsroom: the onion address first (it outlives every copy), then the newest copies.</summary>
    private static List<string> Reachable(Contents contents) =>
        [.. contents.Mirrors.Onions.Select(m => m.Address), .. contents.Mirrors.Copies.Take(MirrorsListed).Select(m => m.Address)];

    private void AppendFooter(StringBuilder body, string manage, string unsubscribe)
    {
        body.AppendLine(text["IssueManage", manage]).AppendLine(text["IssueUnsubscribe", unsubscribe]);
        if (options.Value.PostalAddress is { Length: > 0 } postal)
        {
            body.AppendLine(postal);
        }
    }

    private string Html(Contents contents, string support, string manage, string unsubscribe)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var edition = contents.Edition;
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{E(edition.Code)}\" dir=\"{edition.Direction}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(contents.Issue.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;line-height:1.5;color:#1a1a1a;\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;\">")
            .Append("<p style=\"font-size:14px;color:#555;\">").Append(E(edition.NewsroomName)).Append("</p>");
        if (contents.Issue.IntroMarkdown.Length > 0)
        {
            html.Append(ArticleMarkdown.ToHtml(contents.Issue.IntroMarkdown));
        }

        foreach (var article in contents.Articles)
        {
            var link = E(address.ForEmail($"/articles/{article.Slug}", edition));
            html.Append("<h2 style=\"font-size:20px;margin:24px 0 4px;\"><a href=\"").Append(link).Append("\" style=\"color:#1a1a1a;\">")
                .Append(E(article.Headline)).Append("</a></h2>");
            if (article.Standfirst.Length > 0)
            {
                html.Append("<p style=\"margin:0;color:#444;\">").Append(E(article.Standfirst)).Append("</p>");
            }
        }

        html.Append("<div style=\"margin:32px 0;padding:16px;border-left:4px solid #b3261e;background:#faf6f0;\">")
            .Append("<p><strong>").Append(E(text["IssueFrom", edition.NewsroomName])).Append("</strong></p>")
            .Append(contents.AppealHtml ?? "")
            .Append("<p><a href=\"").Append(E(support)).Append("\" style=\"color:#b3261e;font-weight:bold;\">").Append(E(text["IssueSupportButton"])).Append("</a></p></div>");
        if (Reachable(contents) is { Count: > 0 } addresses)
        {
            html.Append("<div style=\"margin:0 0 24px;font-size:14px;\"><p style=\"margin:0 0 4px;\"><strong>").Append(E(text["IssueReachHeading"])).Append("</strong></p>")
                .Append("<ul style=\"margin:0;padding-inline-start:20px;\">");
            foreach (var other in addresses)
            {
                html.Append("<li><a href=\"").Append(E(other)).Append("\" dir=\"ltr\">").Append(E(other)).Append("</a></li>");
            }

            html.Append("</ul><p style=\"margin:4px 0 0;\"><a href=\"").Append(E(address.ForEmail(ReachPath, edition))).Append("\">")
                .Append(E(text["IssueReachLink"])).Append("</a></p></div>");
        }

        html.Append("<p style=\"font-size:13px;color:#555;\"><a href=\"").Append(E(manage)).Append("\">").Append(E(text["ManageLists"])).Append("</a> · <a href=\"")
            .Append(E(unsubscribe)).Append("\">").Append(E(text["LeaveAll"])).Append("</a></p>");
        if (options.Value.PostalAddress is { Length: > 0 } postal)
        {
            html.Append("<p style=\"font-size:13px;color:#555;\">").Append(E(postal)).Append("</p>");
        }

        return html.Append("</div></body></html>").ToString();
    }
}
