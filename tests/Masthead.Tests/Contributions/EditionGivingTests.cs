using System.Net;
using System.Text.RegularExpressions;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Contributions;

/// <summary>
/// The money path in a newsroom with a Russian edition under /ru (in euros) and an Arabic one under /ar: the pages, the
/// sandbox, the way back, the receipt and the link email in the edition's language, with real email through a real SMTP server.
/// </summary>
public abstract partial class EditionGivingTests(MastheadFactory factory) : IAsyncLifetime, IDisposable
{
    private readonly SmtpInbox _inbox = new();
    private MastheadFactory _own = null!;

    public Task InitializeAsync()
    {
        _own = factory.Fresh();
        foreach (var (key, value) in _inbox.Settings())
        {
            _own.Settings[key] = value;
        }

        _own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        _own.Settings["Masthead:Newsroom:Editions:ru:NewsroomName"] = "Меридиан";
        _own.Settings["Masthead:Newsroom:Editions:ru:Currency"] = "EUR";
        _own.Settings["Masthead:Newsroom:Editions:ar:Prefix"] = "/ar";
        _own.Settings["Masthead:Newsroom:Editions:ar:NewsroomName"] = "ميريديان";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _own.DisposeAsync();

    public void Dispose()
    {
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Russian money is written "5 €" with a no-break space; the assertions read it with a plain one.</summary>
    private static string Plain(string? text) => (text ?? "").Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private Task<HttpResponseMessage> SubmitInRussianAsync(HttpClient reader, string email, string otherAmount, string name = "") =>
        _own.PostFormAsync(reader, "/ru/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = "Monthly",
            ["Form.Currency"] = "EUR",
            ["Form.Amount"] = "other",
            ["Form.OtherAmount"] = otherAmount,
            ["Form.Email"] = email,
            ["Form.Name"] = name,
            ["Form.Anonymous"] = "true",
        });

    /// <summary>Gives 5 € a month from /ru/support through the sandbox; returns the thank-you page's path.</summary>
    private async Task<string> GiveInRussianAsync(HttpClient reader, string email)
    {
        using var form = await SubmitInRussianAsync(reader, email, "5");
        Assert.True(form.StatusCode == HttpStatusCode.Redirect, $"The form answered {(int)form.StatusCode}: {Html.Messages(await form.Content.ReadAsStringAsync())}");
        var paymentPage = form.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/ru/sandbox/checkout/", paymentPage, StringComparison.Ordinal);

        var sandbox = await _own.GetPageAsync(reader, paymentPage);
        Assert.Equal("ТЕСТОВЫЙ РЕЖИМ", sandbox.QuerySelector(".test-mode strong")!.TextContent);
        Assert.Equal("Оплатить 5 € в месяц", Plain(sandbox.QuerySelector("h1")!.TextContent));

        using var paid = await _own.PostFormAsync(reader, paymentPage, [], paymentPage + "?handler=Pay");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var thanks = paid.Headers.Location!.OriginalString;
        Assert.StartsWith("/ru/support/thanks/", thanks, StringComparison.Ordinal);
        return thanks;
    }

    [Fact]
    public async Task A_gift_on_the_Russian_page_is_in_euros_and_Russian_from_the_form_to_the_receipt_and_the_manage_page()
    {
        using var reader = _own.CreateBrowserClient();
        var page = await _own.GetPageAsync(reader, "/ru/support");
        Assert.Equal("ru", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Поддержите «Меридиан»", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Поддержать нас можно от 2 € в месяц", Plain(page.QuerySelector(".standfirst")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("EUR", page.QuerySelector("input[name='Form.Currency']")!.GetAttribute("value"));
        Assert.Equal("Перейти к оплате", page.QuerySelector(".support-form button[type=submit]")!.TextContent);
        Assert.Equal("/ru/support/restore", page.QuerySelector(".fine-print a")!.GetAttribute("href"));

        var email = SmtpInbox.UniqueAddress();
        var thanks = await _own.GetPageAsync(reader, await GiveInRussianAsync(reader, email));
        Assert.Equal("Спасибо", thanks.QuerySelector("h1")!.TextContent);
        Assert.Equal("Теперь вы поддерживаете «Меридиан»: 5 € в месяц.", Plain(thanks.QuerySelector(".standfirst")!.TextContent));

        var receipt = await _inbox.WaitForMessageToAsync(email);
        Assert.Equal("Спасибо, что поддерживаете «Меридиан»", receipt.Subject);
        var body = Plain(receipt.TextBody);
        Assert.Contains("Платёж: 5 € в месяц", body, StringComparison.Ordinal);
        Assert.Contains("Платёж повторяется автоматически", body, StringComparison.Ordinal);
        Assert.Matches(@"Дата: \d{1,2} [а-я]+\.? \d{4}\n", body);
        Assert.Contains("(она одноразовая и действует 7 ", body, StringComparison.Ordinal);
        var link = LinkPattern().Match(body).Value;
        Assert.Contains("/ru/support/link/", link, StringComparison.Ordinal);

        // The link opens the manage page in the same edition, and its session cookie reaches it there.
        using var fresh = _own.CreateBrowserClient();
        var confirm = await _own.GetPageAsync(fresh, new Uri(link).PathAndQuery);
        Assert.Equal("Управление поддержкой", confirm.QuerySelector("h1")!.TextContent);
        using var opened = await _own.PostFormAsync(fresh, new Uri(link).PathAndQuery, []);
        Assert.Equal("/ru/support/manage", opened.Headers.Location!.OriginalString);
        var manage = await _own.GetPageAsync(fresh, "/ru/support/manage");
        Assert.Equal("Ваша поддержка", manage.QuerySelector("h1")!.TextContent);
        Assert.Equal("5 € в месяц", Plain(manage.QuerySelector(".subscription h2")!.TextContent));
        Assert.Equal("Действует", manage.QuerySelector(".subscription .status")!.TextContent);
    }

    [Fact]
    public async Task Already_a_supporter_on_the_Russian_page_sends_the_link_in_Russian_under_ru()
    {
        using var reader = _own.CreateBrowserClient();
        var email = SmtpInbox.UniqueAddress();
        await GiveInRussianAsync(reader, email);
        await _own.SendMailAsync();
        await _inbox.WaitForMessageToAsync(email);

        using var fresh = _own.CreateBrowserClient();
        var form = await _own.GetPageAsync(fresh, "/ru/support/restore");
        Assert.Equal("Уже поддерживаете нас?", form.QuerySelector("h1")!.TextContent);
        Assert.Equal("ltr", form.QuerySelector("input[type=email]")!.GetAttribute("dir"));
        using (var asked = await _own.PostFormAsync(fresh, "/ru/support/restore", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
            var sent = await Html.ParseAsync(asked);
            Assert.Equal($"Если {email} — адрес одного из тех, кто нас поддерживает, ссылка уже отправлена. Она одноразовая и действует 2 часа.",
                sent.QuerySelector(".notice")!.TextContent);
        }

        await _own.SendMailAsync();
        var messages = await _inbox.MessageIdsToAsync(email);
        Assert.Equal(2, messages.Count);
        var message = await _inbox.ReadAsync(messages[0]);
        Assert.Equal("Ссылка для управления поддержкой «Меридиан»", message.Subject);
        Assert.Contains("Она одноразовая и действует 2 часа:", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("/ru/support/link/", LinkPattern().Match(message.TextBody ?? "").Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "reader@example.org", "Введите сумму числом, например 5 или 7,50.")]
    [InlineData("1", "reader@example.org", "Ежемесячный платёж — не меньше 2 €.")]
    [InlineData("5", "", "Укажите адрес электронной почты для квитанции.")]
    [InlineData("5", "reader@", "Это не похоже на адрес электронной почты.")]
    public async Task A_refused_Russian_form_says_why_in_Russian_and_keeps_what_was_typed(string amount, string email, string message)
    {
        using var reader = _own.CreateBrowserClient();
        using var response = await SubmitInRussianAsync(reader, email, amount, name: "Анна");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, Plain(page.QuerySelector(".form-errors")!.TextContent), StringComparison.Ordinal);
        Assert.Equal(amount, page.QuerySelector("input[name='Form.OtherAmount']")!.GetAttribute("value"));
        Assert.Equal(email, page.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"));
        Assert.Equal("Анна", page.QuerySelector("input[name='Form.Name']")!.GetAttribute("value"));
        Assert.Equal("Поддержите «Меридиан»", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_payment_cancelled_in_the_sandbox_goes_back_to_the_Russian_page_which_says_so_in_Russian()
    {
        using var reader = _own.CreateBrowserClient();
        using var form = await SubmitInRussianAsync(reader, SmtpInbox.UniqueAddress(), "5");
        var paymentPage = form.Headers.Location!.PathAndQuery;

        using var cancelled = await _own.PostFormAsync(reader, paymentPage, [], paymentPage + "?handler=Cancel");
        var back = cancelled.Headers.Location!.OriginalString;
        Assert.StartsWith("/ru/support?retry=", back, StringComparison.Ordinal);
        var page = await _own.GetPageAsync(reader, back);
        Assert.Equal("Платёж отменён, деньги не списаны. Выбранная сумма сохранена ниже.", page.QuerySelector(".notice-problem")!.TextContent);
        Assert.Equal("5", page.QuerySelector("input[name='Form.OtherAmount']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_Arabic_page_is_right_to_left_in_Arabic_as_UTF_8_with_amounts_and_the_address_isolated()
    {
        using var reader = _own.CreateBrowserClient();
        using var response = await reader.GetAsync(new Uri("/ar/support", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", text, StringComparison.Ordinal);
        Assert.Contains("ادعم ميريديان", text, StringComparison.Ordinal);
        Assert.Contains("المتابعة إلى الدفع", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x6", text, StringComparison.Ordinal);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(text);
        Assert.Equal("ltr", page.QuerySelector("input[type=email]")!.GetAttribute("dir"));
        Assert.All(page.QuerySelectorAll("label.amount:not(.amount-other) span"), amount => Assert.NotNull(amount.QuerySelector("bdi")));
        Assert.Contains("$", page.QuerySelector(".standfirst bdi")!.TextContent, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/support/link/[0-9a-f]{64}")]
    private static partial Regex LinkPattern();
}

[Collection(SqliteCollection.Name)]
public sealed class EditionGivingTestsOnSqlite(SqliteFactory factory) : EditionGivingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class EditionGivingTestsOnPostgres(PostgresFactory factory) : EditionGivingTests(factory);
