using System.Net;
using System.Text.Json;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Readers;

public abstract class ContentApiTests(MastheadFactory factory)
{
    [Fact]
    public async Task Articles_are_listed_newest_first_a_page_at_a_time()
    {
        await using var own = factory.Fresh();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        for (var i = 1; i <= 3; i++)
        {
            await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Api story {i}", [author]), "Publish");
            own.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput("Api draft", [author]));
        using var client = own.CreateBrowserClient();

        using var first = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/articles?pageSize=2", UriKind.Relative)));
        Assert.Equal(3, first.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(2, first.RootElement.GetProperty("pages").GetInt32());
        Assert.Equal(["api-story-3", "api-story-2"], first.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
        Assert.Equal("https://localhost/articles/api-story-3", first.RootElement.GetProperty("items")[0].GetProperty("url").GetString());
        using var second = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/articles?page=2&pageSize=2", UriKind.Relative)));
        Assert.Equal(["api-story-1"], second.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()));
    }

    [Theory]
    [InlineData("/api/articles?page=0", "page")]
    [InlineData("/api/articles?page=abc", "page")]
    [InlineData("/api/articles?pageSize=1000", "pageSize")]
    [InlineData("/api/articles?pageSize=-5", "pageSize")]
    public async Task Bad_paging_values_answer_400_problem_details_naming_the_parameter(string url, string parameter)
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("/api/articles?sort=asc")]
    [InlineData("/api/articles/some-slug?fields=all")]
    public async Task Unknown_query_parameters_answer_400_naming_them(string url)
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(new Uri("https://x" + url).Query.TrimStart('?').Split('=')[0], problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_missing_article_answers_404_problem_details()
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri("/api/articles/never-was", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_past_the_end_answers_404_problem_details()
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri("/api/articles?page=100000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentApiTestsOnSqlite(SqliteFactory factory) : ContentApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ContentApiTestsOnPostgres(PostgresFactory factory) : ContentApiTests(factory);
