using System.Globalization;
using System.Net;
using Masthead.SitePages;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.SitePages;

/// <summary>Standalone pages for tests: written straight into the database, or through the page form as an editor would.</summary>
public static class PageDesk
{
    /// <summary>Adds a page without the editor (so nothing is evicted); returns its id.</summary>
    public static Task<int> AddAsync(
        MastheadFactory factory, string slug, string title, bool published = true, int? navigation = null, int? footer = null, string edition = "en") =>
        factory.WithDbAsync(async db =>
        {
            var page = new SitePage
            {
                Slug = slug, Title = title, Edition = edition, BodyMarkdown = "Text.", BodyHtml = "<p>Text.</p>", IsPublished = published,
                NavigationOrder = navigation, FooterOrder = footer, CreatedAt = factory.Clock.GetUtcNow(), UpdatedAt = factory.Clock.GetUtcNow(),
            };
            db.SitePages.Add(page);
            await db.SaveChangesAsync();
            return page.Id;
        });

    /// <summary>The form's fields as an editor fills them in; a null order leaves the field empty.</summary>
    public static List<KeyValuePair<string, string>> Fields(
        string title, string? slug = null, string body = "Our **story**.", bool published = true, int? navigation = null, int? footer = null) =>
    [
        new("Form.Title", title),
        new("Form.Slug", slug ?? ""),
        new("Form.Body", body),
        new("Form.IsPublished", published ? "true" : "false"),
        new("Form.NavigationOrder", navigation?.ToString(CultureInfo.InvariantCulture) ?? ""),
        new("Form.FooterOrder", footer?.ToString(CultureInfo.InvariantCulture) ?? ""),
        new("intent", "Save"),
    ];

    /// <summary>Opens the form (new, or page <paramref name="id"/>) and posts <paramref name="fields"/> with the version the form gave, unless they carry one.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, int? id, List<KeyValuePair<string, string>> fields)
    {
        var url = id is null ? "/admin/pages/new" : $"/admin/pages/{id}/edit";
        if (!fields.Exists(f => f.Key == "Form.Version"))
        {
            var form = await Html.GetPageAsync(client, url);
            fields = [.. fields, new("Form.Version", form.QuerySelector("input[name='Form.Version']")?.GetAttribute("value") ?? "0")];
        }

        return await Forms.PostAsync(client, url, fields);
    }

    /// <summary>Submits and expects the redirect back to the page's editor; returns the page's id.</summary>
    public static async Task<int> SubmitOkAsync(HttpClient client, int? id, List<KeyValuePair<string, string>> fields)
    {
        using var response = await SubmitAsync(client, id, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"saving answered {(int)response.StatusCode}: {Html.Messages(await response.Content.ReadAsStringAsync())}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
    }
}
