using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Admin;

/// <summary>The appeal editor, driven over HTTP as a browser with JavaScript off would.</summary>
public static class AppealDesk
{
    /// <summary>A filled-in appeal form; change entries to type something else.</summary>
    public static Dictionary<string, string> Fields(
        string name, string body, string continueLabel = "Continue", string snoozeLabel = "Remind me later", string snoozeDays = "7") => new()
    {
        ["Input.Name"] = name,
        ["Input.Body"] = body,
        ["Input.ContinueLabel"] = continueLabel,
        ["Input.NotTodayLine"] = "Not today?",
        ["Input.SnoozeLabel"] = snoozeLabel,
        ["Input.SnoozeDays"] = snoozeDays,
    };

    /// <summary>
    /// Posts <paramref name="fields"/> from the new-appeal form or appeal <paramref name="id"/>'s form, pressing the button for
    /// <paramref name="intent"/> (Save, Activate, Preview). The token and the hidden save stamp come from <paramref name="from"/>,
    /// a copy of the form loaded earlier, or from the form as it is now.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, int? id, IDictionary<string, string> fields, string intent = "Save", IHtmlDocument? from = null)
    {
        var url = id is null ? "/admin/appeals/new" : $"/admin/appeals/{id}/edit";
        var page = from ?? await Html.GetPageAsync(client, url);
        var form = new Dictionary<string, string>(fields)
        {
            [Html.AntiforgeryField] = Html.AntiforgeryToken(page, url)!,
            ["Input.Version"] = page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!,
            ["intent"] = intent,
        };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>Submits and expects the redirect back to the appeal's editor; returns the appeal's id.</summary>
    public static async Task<int> SaveOkAsync(HttpClient client, int? id, IDictionary<string, string> fields, string intent = "Save")
    {
        using var response = await SubmitAsync(client, id, fields, intent);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{intent} answered {(int)response.StatusCode}: {Html.Messages(await response.Content.ReadAsStringAsync())}");
        var segments = response.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(segments[2], CultureInfo.InvariantCulture);
    }
}
