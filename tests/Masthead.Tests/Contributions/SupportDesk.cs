using System.Net;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>The reader's side of giving, driven over HTTP as a browser with JavaScript off would.</summary>
public static class SupportDesk
{
    /// <summary>Fills in the contribution page and submits it; returns the response (a redirect to the payment page when accepted).</summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        MastheadFactory factory, HttpClient reader, string email, string otherAmount, string frequency = "Monthly", string currency = "USD",
        string amount = "other", string? name = null, bool anonymous = true) =>
        factory.PostFormAsync(reader, "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = frequency,
            ["Form.Currency"] = currency,
            ["Form.Amount"] = amount,
            ["Form.OtherAmount"] = otherAmount,
            ["Form.Email"] = email,
            ["Form.Name"] = name ?? "",
            ["Form.Anonymous"] = anonymous ? "true" : "false",
        });

    /// <summary>The keyed hash the app files this email under.</summary>
    public static string HashOf(MastheadFactory factory, string email) =>
        factory.Services.GetRequiredService<Masthead.Privacy.PersonalData>().LookupHash(email);

    /// <summary>Gives through the sandbox from start to thank-you page; returns the checkout id.</summary>
    public static async Task<string> GiveAsync(
        MastheadFactory factory, HttpClient reader, string email, string amount = "2", string frequency = "Monthly", string currency = "USD",
        string? name = null, bool anonymous = true)
    {
        using var form = await SubmitAsync(factory, reader, email, amount, frequency, currency, name: name, anonymous: anonymous);
        Assert.True(form.StatusCode == HttpStatusCode.Redirect, $"The contribution form answered {(int)form.StatusCode}: {Html.Messages(await form.Content.ReadAsStringAsync())}");
        var paymentPage = form.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/sandbox/checkout/", paymentPage);
        using var paid = await factory.PostFormAsync(reader, paymentPage, [], paymentPage + "?handler=Pay");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var thanks = paid.Headers.Location!.OriginalString;
        Assert.StartsWith("/support/thanks/", thanks);
        var page = await factory.GetPageAsync(reader, thanks);
        Assert.Equal("Thank you", page.QuerySelector("h1")!.TextContent);
        return thanks["/support/thanks/".Length..];
    }
}
