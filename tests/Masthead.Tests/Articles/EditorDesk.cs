using System.Globalization;
using System.Net;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Articles;

/// <summary>What an article form holds, as an editor fills it in.</summary>
public sealed record ArticleInput(
    string Headline,
    IReadOnlyList<int> AuthorIds,
    string Body = "The council met on Monday.",
    string? Slug = null,
    string? Standfirst = null,
    string? Tags = null,
    string? PublishAt = null,
    string? Dateline = null);

/// <summary>An upload as the browser sends it.</summary>
public sealed record Upload(string FileName, string ContentType, byte[] Bytes);

/// <summary>The editors' side of the newsroom, driven over HTTP as a browser would.</summary>
public static class EditorDesk
{
    private static int _counter;

    /// <summary>A distinct suffix, so tests sharing one database never collide on slugs or emails.</summary>
    public static string Unique() => Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];

    public static Task<int> AddAuthorAsync(MastheadFactory factory, string? name = null) =>
        factory.WithDbAsync(async db =>
        {
            var author = new Author { Name = name ?? $"Reporter {Unique()}", Slug = "" };
            author.Slug = Slugs.From(author.Name);
            db.Authors.Add(author);
            await db.SaveChangesAsync();
            return author.Id;
        });

    /// <summary>Adds a staff member with a known password straight into the database.</summary>
    public static Task<(string Email, string Password)> AddStaffAsync(MastheadFactory factory, StaffRole role) =>
        factory.WithDbAsync(async db =>
        {
            var email = $"{role.ToString().ToLowerInvariant()}-{Unique()}@masthead.test";
            const string Password = "correct horse battery staple";
            var staff = new StaffMember { Email = email, DisplayName = $"{role} {Unique()}", Role = role };
            staff.PasswordHash = factory.Services.GetRequiredService<IPasswordHasher<StaffMember>>().HashPassword(staff, Password);
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return (email, Password);
        });

    public static async Task<HttpClient> SignedInAsAsync(MastheadFactory factory, StaffRole role)
    {
        var (email, password) = await AddStaffAsync(factory, role);
        return await factory.SignedInClientAsync(email, password);
    }

    /// <summary>
    /// Opens the article form (new, or article <paramref name="id"/>), fills it with <paramref name="input"/> and presses
    /// the button for <paramref name="intent"/> (Save, Publish, Schedule, Unpublish). The hidden version field is sent
    /// as the page gave it unless <paramref name="version"/> says otherwise.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, int? id, ArticleInput input, string intent = "Save", Upload? cover = null, int? version = null,
        IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var url = id is null ? "/admin/articles/new" : $"/admin/articles/{id}/edit";
        var page = await Html.GetPageAsync(client, url);
        var token = Html.AntiforgeryToken(page, url);
        var sent = version?.ToString(CultureInfo.InvariantCulture)
            ?? page.QuerySelector("input[name='Form.Version']")?.GetAttribute("value") ?? "0";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token!), Html.AntiforgeryField },
            { new StringContent(sent), "Form.Version" },
            { new StringContent(input.Headline), "Form.Headline" },
            { new StringContent(input.Body), "Form.Body" },
            { new StringContent(intent), "intent" },
        };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        Add("Form.Slug", input.Slug);
        Add("Form.Standfirst", input.Standfirst);
        Add("Form.Tags", input.Tags);
        Add("Form.PublishAt", input.PublishAt);
        Add("Form.Dateline", input.Dateline);
        foreach (var author in input.AuthorIds)
        {
            Add("Form.AuthorIds", author.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in extra ?? [])
        {
            Add(name, value);
        }

        if (cover is not null)
        {
            var file = new ByteArrayContent(cover.Bytes);
            file.Headers.ContentType = new(cover.ContentType);
            form.Add(file, "Form.Cover", cover.FileName);
        }

        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    /// <summary>Submits and expects the redirect back to the editor; returns the article's id.</summary>
    public static async Task<int> SubmitOkAsync(
        HttpClient client, int? id, ArticleInput input, string intent = "Save", Upload? cover = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        using var response = await SubmitAsync(client, id, input, intent, cover, extra: extra);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{intent} answered {(int)response.StatusCode}: {Html.Messages(body)}");
        var segments = response.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(segments[2], CultureInfo.InvariantCulture);
    }

    /// <summary>What the (re-shown) article form holds in the field named <paramref name="name"/>.</summary>
    public static string? FieldValue(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        page.QuerySelector($"[name='{name}']") switch
        {
            AngleSharp.Html.Dom.IHtmlTextAreaElement area => area.Value,
            { } element => element.GetAttribute("value"),
            null => null,
        };

    /// <summary>The newsroom-local time an editor would type, <paramref name="from"/> the factory's clock.</summary>
    public static string LocalTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
