using System.Runtime.Versioning;
using Masthead.Email;
using Masthead.Newsroom;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Masthead.Tests.Email;

public sealed class PickupFolderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("masthead-outbox-").FullName;
    private readonly FakeTimeProvider _clock = new(MastheadFactory.StartTime);
    private readonly LogLines _log = new();

    [Fact]
    public async Task A_message_in_the_pickup_folder_is_a_complete_eml_file_that_MimeKit_reads_back()
    {
        var outbox = Transport(new EmailOptions { From = "desk@meridian.example", FromName = "Meridian desk" });

        await outbox.SendAsync(new EmailMessage("Jane@Example.org", "Спасибо — your support", "Thank you, Jane.\nЖурнал.", "<p>Thank you, <b>Jane</b>.</p>"), default);

        var file = Assert.Single(Directory.GetFiles(outbox.Directory));
        Assert.EndsWith(".eml", file);
        using var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Спасибо — your support", message.Subject);
        Assert.Equal("Jane@Example.org", Assert.Single(message.To.Mailboxes).Address);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("Meridian desk", "desk@meridian.example"), (from.Name, from.Address));
        Assert.Equal("Thank you, Jane.\nЖурнал.", message.TextBody?.ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("<p>Thank you, <b>Jane</b>.</p>", message.HtmlBody?.TrimEnd());
        Assert.Equal(MastheadFactory.StartTime, message.Date);
        Assert.EndsWith("@meridian.example", message.MessageId);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_pickup_file_is_readable_by_its_owner_only_and_its_log_line_names_the_file_not_the_reader()
    {
        var outbox = Transport(new EmailOptions());

        await outbox.SendAsync(new EmailMessage("jane.doe@example.org", "Your receipt", "Secret body text"), default);

        var file = Assert.Single(Directory.GetFiles(outbox.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var line = Assert.Single(_log.Lines);
        Assert.Contains(file, line);
        Assert.Contains("Your receipt", line);
        Assert.Contains("j***@example.org", line);
        Assert.DoesNotContain("jane.doe", line);
        Assert.DoesNotContain("Secret body text", line);
    }

    [Fact]
    public async Task Without_FromName_the_sender_is_named_after_the_newsroom()
    {
        var outbox = Transport(new EmailOptions { From = "desk@meridian.example" }, new NewsroomOptions { Name = "Novaya Meridian" });

        await outbox.SendAsync(new EmailMessage("jane@example.org", "Hello", "Hello."), default);

        using var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(outbox.Directory)));
        Assert.Equal("Novaya Meridian", Assert.Single(message.From.Mailboxes).Name);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private PickupFolderEmailTransport Transport(EmailOptions options, NewsroomOptions? newsroom = null) =>
        new(Path.Combine(_directory, "outbox"), Options.Create(options), Options.Create(newsroom ?? new NewsroomOptions()), _clock, _log.For<PickupFolderEmailTransport>());

    /// <summary>Keeps what is logged, formatted, to assert on what a log would show.</summary>
    private sealed class LogLines
    {
        public List<string> Lines { get; } = [];

        public ILogger<T> For<T>() => new Logger<T>(this);

        private sealed class Logger<T>(LogLines owner) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Add(formatter(state, exception));
        }
    }
}
