using System.Net.Http.Json;
using Masthead.Tests.Infrastructure.Services;
using MimeKit;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// The test SMTP server, smtp4dev: the one named by <c>MASTHEAD_TEST_SMTP</c> (host:port for SMTP) and
/// <c>MASTHEAD_TEST_SMTP_API</c> (its web address) when they are set, otherwise one this test run starts (see <see cref="TestServices"/>). Reads what it received through its HTTP API. One server
/// serves every test, so each test sends to an address of its own (<see cref="UniqueAddress"/>).
/// </summary>
public sealed class SmtpInbox : IDisposable
{
    public const string SmtpVariable = TestServices.SmtpVariable;
    public const string ApiVariable = TestServices.SmtpApiVariable;

    private readonly HttpClient _api = new() { BaseAddress = new Uri(TestServices.SmtpApi) };

    /// <summary>The SMTP server's host, for <c>Masthead:Email:Smtp:Host</c>.</summary>
    public string Host { get; }

    /// <summary>The SMTP server's port, for <c>Masthead:Email:Smtp:Port</c>.</summary>
    public int Port { get; }

    public SmtpInbox()
    {
        var server = TestServices.SmtpServer;
        var colon = server.LastIndexOf(':');
        Host = server[..colon];
        Port = int.Parse(server[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The settings that point Masthead at this server: plain SMTP, since smtp4dev offers no STARTTLS here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Masthead:Email:Smtp:Host"] = Host,
        ["Masthead:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Masthead:Email:Smtp:UseStartTls"] = "false",
    };

    /// <summary>An address no other test sends to, e.g. reader-3f2a…@example.org.</summary>
    public static string UniqueAddress(string name = "reader") => $"{name}-{Guid.NewGuid():N}@example.org";

    /// <summary>The ids of the messages received for <paramref name="address"/> so far, newest first.</summary>
    public async Task<IReadOnlyList<string>> MessageIdsToAsync(string address)
    {
        var page = await _api.GetFromJsonAsync<MessagePage>(new Uri("/api/messages?pageSize=1000", UriKind.Relative));
        return page!.Results
            .Where(m => m.To.Any(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.Id)
            .ToList();
    }

    /// <summary>The complete message smtp4dev received, as sent (its /raw source), parsed by MimeKit.</summary>
    public async Task<MimeMessage> ReadAsync(string id)
    {
        await using var raw = await _api.GetStreamAsync(new Uri($"/api/messages/{Uri.EscapeDataString(id)}/raw", UriKind.Relative));
        return await MimeMessage.LoadAsync(raw);
    }

    /// <summary>The newest message to <paramref name="address"/>, polling for up to <paramref name="timeout"/> (10 s by default).</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string address, TimeSpan? timeout = null)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (await MessageIdsToAsync(address) is [var newest, ..])
            {
                return await ReadAsync(newest);
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No message to {address} reached smtp4dev at {_api.BaseAddress} within {wait.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => _api.Dispose();

    private sealed record MessagePage(List<MessageSummary> Results);

    private sealed record MessageSummary(string Id, List<string> To);
}
