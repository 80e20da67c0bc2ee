using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Masthead.Staff;

namespace Masthead.Soak;

/// <summary>
/// The mixed traffic of a newsroom's day, one operation at a time: readers on the latest articles (cached pages) and
/// across the archive (many not cached), "Remind me later", contributions through the sandbox, Stripe's payment events,
/// and editors saving articles.
/// </summary>
internal sealed partial class Traffic
{
    public const string HotRead = "read (latest, cached)";
    public const string CorpusRead = "read (archive)";
    public const string Snooze = "snooze";
    public const string Contribution = "contribution (sandbox)";
    public const string PaymentEvent = "payment event (Stripe)";
    public const string EditorSave = "editor save";

    /// <summary>Out of every 100 operations.</summary>
    public static readonly IReadOnlyList<(string Kind, int Share)> Mix =
    [
        (HotRead, 50), (CorpusRead, 29), (Snooze, 6), (Contribution, 3), (PaymentEvent, 10), (EditorSave, 2),
    ];

    private const string WebhookPath = "/payments/stripe/webhook";
    private const string TwoFactorSetupPath = "/admin/account/two-factor";
    private const string CodeStepPath = "/admin/signin/two-factor";

    private readonly HttpClient _http;
    private readonly Tally _tally;
    private readonly string[] _slugs;
    private readonly string[] _latest;
    private readonly string _webhookSecret;
    private readonly Visitor _editor;
    private readonly ConcurrentQueue<int> _articlesFree;
    private readonly string[] _schedule;
    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _next;

    public Traffic(HttpClient http, Tally tally, string[] slugs, string webhookSecret, int editableArticles)
    {
        (_http, _tally, _slugs, _webhookSecret) = (http, tally, slugs, webhookSecret);
        _latest = slugs[^Math.Min(20, slugs.Length)..];
        _editor = new Visitor(http, tally, EditorSave);
        _articlesFree = new ConcurrentQueue<int>(Enumerable.Range(1, editableArticles));

        // The mix as a fixed, shuffled cycle of 100: exact shares, no bursts of one kind.
        var cycle = Mix.SelectMany(m => Enumerable.Repeat(m.Kind, m.Share)).ToArray();
        new Random(20261126).Shuffle(cycle);
        _schedule = cycle;
    }

    public string KindOf(long operation) => _schedule[operation % _schedule.Length];

    /// <summary>Signs in as the admin, who must use two-factor sign-in: sets it up the first time, then answers the code step.</summary>
    public async Task SignInEditorAsync(string email, string password, CancellationToken cancellationToken)
    {
        var page = await _editor.PageAsync("/admin/signin", cancellationToken);
        var to = await _editor.SubmitAsync(page, "/admin/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }, "Input.Email", cancellationToken);
        if (to.StartsWith(TwoFactorSetupPath, StringComparison.Ordinal))
        {
            var setup = await _editor.PageAsync(TwoFactorSetupPath, cancellationToken);
            Authenticator.Secret = Totp.FromBase32(setup.QuerySelector(".totp-secret")?.TextContent)
                ?? throw new SoakFailure($"{TwoFactorSetupPath} shows no key to type in.");
            await _editor.SubmitAsync(setup, TwoFactorSetupPath + "/Enable", new Dictionary<string, string> { ["Code"] = Authenticator.NextCode() }, "Code", cancellationToken, answersWithPage: true);
            to = "/admin";
        }
        else if (to.StartsWith(CodeStepPath, StringComparison.Ordinal))
        {
            var step = await _editor.PageAsync(CodeStepPath, cancellationToken);
            to = await _editor.SubmitAsync(step, CodeStepPath, new Dictionary<string, string> { ["Code"] = Authenticator.NextCode() }, "Code", cancellationToken);
        }

        if (to.Contains("signin", StringComparison.OrdinalIgnoreCase) || to.StartsWith(TwoFactorSetupPath, StringComparison.Ordinal))
        {
            throw new SoakFailure($"Signing in as {email} sent back to {to}.");
        }
    }

    /// <summary>Runs one operation of <paramref name="kind"/>; throws <see cref="SoakFailure"/> or an HTTP error when the site misbehaves.</summary>
    public Task RunAsync(string kind, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _next);
        return kind switch
        {
            HotRead => ReadAsync(kind, n % 10 == 0 ? "/" : $"/articles/{_latest[n % _latest.Length]}", cancellationToken),
            CorpusRead => ReadAsync(kind, $"/articles/{_slugs[Random.Shared.Next(_slugs.Length)]}", cancellationToken),
            Snooze => SnoozeAsync(n, cancellationToken),
            Contribution => ContributeAsync(n, cancellationToken),
            PaymentEvent => DeliverPaymentAsync(n, cancellationToken),
            EditorSave => SaveArticleAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of traffic."),
        };
    }

    private async Task ReadAsync(string kind, string path, CancellationToken cancellationToken)
    {
        _tally.Request(kind);
        using var response = await _http.GetAsync(path, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Visitor.Expect(response, HttpStatusCode.OK, $"GET {path}");
    }

    private async Task SnoozeAsync(long n, CancellationToken cancellationToken)
    {
        _tally.Request(Snooze);
        var back = $"/articles/{_latest[n % _latest.Length]}";
        using var response = await _http.PostAsync("/appeal/snooze", new FormUrlEncodedContent([new("return", back)]), cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != back)
        {
            throw new SoakFailure($"POST /appeal/snooze answered {(int)response.StatusCode} to {response.Headers.Location}, not a redirect back to {back}.");
        }
    }

    /// <summary>A new reader gives: the form, the sandbox's payment page, Pay, and the thank-you page.</summary>
    private async Task ContributeAsync(long n, CancellationToken cancellationToken)
    {
        var reader = new Visitor(_http, _tally, Contribution);
        var form = await reader.PageAsync("/support", cancellationToken);
        var payment = await reader.SubmitAsync(form, "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = n % 3 == 0 ? "OneTime" : "Monthly",
            ["Form.Currency"] = "USD",
            ["Form.Amount"] = "other",
            ["Form.OtherAmount"] = (2 + (n % 20)).ToString(CultureInfo.InvariantCulture),
            ["Form.Email"] = $"soak-{_run}-{n}@example.org",
            ["Form.Name"] = "",
            ["Form.Anonymous"] = "true",
        }, "Form.Email", cancellationToken);
        if (!payment.StartsWith("/sandbox/checkout/", StringComparison.Ordinal))
        {
            throw new SoakFailure($"The contribution form sent the reader to {payment}, not the sandbox's payment page.");
        }

        var paymentPage = await reader.PageAsync(payment, cancellationToken);
        var thanks = await reader.SubmitAsync(paymentPage, payment + "?handler=Pay", new Dictionary<string, string>(), null, cancellationToken);
        if (!thanks.StartsWith("/support/thanks/", StringComparison.Ordinal))
        {
            throw new SoakFailure($"Paying in the sandbox sent the reader to {thanks}, not the thank-you page.");
        }

        await reader.PageAsync(thanks, cancellationToken);
    }

    /// <summary>Stripe reports a renewal it charged: a signed invoice.paid for a payment never seen before.</summary>
    private async Task DeliverPaymentAsync(long n, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var id = $"soak{_run}x{n}";
        var payload = new JsonObject
        {
            ["id"] = $"evt_{id}", ["object"] = "event", ["api_version"] = "2026-10-28.endive", ["created"] = now, ["type"] = "invoice.paid", ["livemode"] = false,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = $"in_{id}", ["object"] = "invoice", ["customer"] = $"cus_{id}", ["currency"] = "usd", ["amount_paid"] = 500, ["status"] = "paid",
                    ["billing_reason"] = "subscription_cycle",
                    ["parent"] = new JsonObject { ["type"] = "subscription_details", ["subscription_details"] = new JsonObject { ["subscription"] = $"sub_{id}" } },
                    ["lines"] = new JsonObject
                    {
                        ["object"] = "list",
                        ["data"] = new JsonArray(new JsonObject { ["id"] = $"il_{id}", ["period"] = new JsonObject { ["start"] = now, ["end"] = now + (31 * 86_400) } }),
                    },
                },
            },
        }.ToJsonString();
        var body = Encoding.UTF8.GetBytes(payload);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_webhookSecret), Encoding.UTF8.GetBytes($"{now}.{payload}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Stripe-Signature", $"t={now},v1={Convert.ToHexStringLower(signature)}");
        _tally.Request(PaymentEvent);
        using var response = await _http.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Visitor.Expect(response, HttpStatusCode.OK, $"POST {WebhookPath}");
    }

    /// <summary>An editor opens an article and saves a change; each article is edited by one save at a time, as a newsroom's would be.</summary>
    private async Task SaveArticleAsync(CancellationToken cancellationToken)
    {
        if (!_articlesFree.TryDequeue(out var id))
        {
            _tally.Skipped(EditorSave);
            return;
        }

        try
        {
            var path = $"/admin/articles/{id}/edit";
            var page = await _editor.PageAsync(path, cancellationToken);
            var body = page.QuerySelector("textarea[name='Form.Body']")?.TextContent ?? throw new SoakFailure($"{path} has no Form.Body.");
            var changed = UpdateNote().Replace(body.TrimEnd(), "") + $"\n\n(Updated at {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC.)";
            var to = await _editor.SubmitAsync(page, path, new Dictionary<string, string> { ["Form.Body"] = changed, ["intent"] = "Save" }, "Form.Body", cancellationToken);
            if (to.Contains("signin", StringComparison.OrdinalIgnoreCase))
            {
                throw new SoakFailure($"Saving {path} sent the editor to {to}.");
            }
        }
        finally
        {
            _articlesFree.Enqueue(id);
        }
    }

    [GeneratedRegex(@"\n\n\(Updated at [^)]*\)$")]
    private static partial Regex UpdateNote();
}

/// <summary>The admin's authenticator app, shared by the calibration's sign-in and the soak's.</summary>
internal static class Authenticator
{
    private static long _lastStep;

    public static byte[]? Secret { get; set; }

    /// <summary>The code for the current step, or the next one when this step's code is used (the site takes one step of drift).</summary>
    public static string NextCode()
    {
        var secret = Secret ?? throw new SoakFailure("The admin has two-factor sign-in, but the soak never set it up.");
        var step = Math.Max(Totp.StepAt(DateTimeOffset.UtcNow), _lastStep + 1);
        _lastStep = step;
        return Totp.Code(secret, step);
    }
}
