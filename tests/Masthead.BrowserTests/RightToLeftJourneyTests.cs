using Masthead.Appeals;
using Masthead.Articles;
using Masthead.BrowserTests.Infrastructure;
using Masthead.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>An Arabic edition, right to left: the article with its appeal and the contribution page, at 390 px and desktop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RightToLeftJourneyTests(BrowserFixture browser)
{
    private const string Slug = "ar-council-budget";

    private async Task SeedArabicAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (db.Articles.Any(a => a.Slug == Slug))
        {
            return;
        }

        var now = browser.App.Clock.GetUtcNow();
        const string Body = """
            صوّت مجلس المدينة مساء الاثنين على ميزانية العام المقبل بعد جلسة استمرت سبع ساعات، وأقرّ خفضًا بنسبة 12 في المئة في مخصصات المكتبات العامة.

            وقالت رئيسة لجنة المالية إن الخفض «مؤلم لكنه ضروري»، فيما احتجّ عشرات من السكان أمام مبنى البلدية حاملين لافتات كُتب عليها «المكتبة بيتنا».

            ## ماذا يعني ذلك للسكان

            ستُغلق ثلاث مكتبات فرعية أيام السبت ابتداءً من شهر آذار، وسيتوقف برنامج القراءة للأطفال في حيّين على الأقل، بحسب وثائق الميزانية التي اطّلعت عليها «ميريديان».
            """;
        var author = db.Authors.First();
        db.Articles.Add(new Article
        {
            Slug = Slug, Edition = "ar", Headline = "المجلس البلدي يقرّ ميزانية تخفض تمويل المكتبات", Dateline = "ريغا",
            Standfirst = "بعد جلسة طويلة، صوّت المجلس على خفض مخصصات المكتبات العامة بنسبة 12 في المئة رغم احتجاج السكان.",
            BodyMarkdown = Body, BodyHtml = ArticleMarkdown.ToHtml(Body), Status = ArticleStatus.Published, PublishAt = now.AddHours(-1),
            CreatedAt = now.AddHours(-1), UpdatedAt = now.AddHours(-1), Authors = [author],
        });
        const string Appeal = "نحن محجوبون في بلدنا ومصنّفون «عملاء أجانب» بسبب ما قرأته للتو. لا مالك ولا دولة ولا معلن يموّل عملنا: القرّاء وحدهم يفعلون.";
        db.Appeals.Add(new Appeal
        {
            Name = "نداء دائم", Edition = "ar", BodyMarkdown = Appeal, BodyHtml = ArticleMarkdown.ToHtml(Appeal), IsActive = true,
            ContinueLabel = "متابعة", NotTodayLine = "ليس اليوم؟", SnoozeLabel = "ذكّرني لاحقًا", UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData("phone", 390, 844)]
    [InlineData("desktop", 1280, 900)]
    public async Task An_arabic_article_its_appeal_and_the_contribution_page_read_right_to_left(string name, int width, int height)
    {
        await SeedArabicAsync();
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "ar" });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/ar/articles/{Slug}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        var headline = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(headline).ToHaveTextAsync("المجلس البلدي يقرّ ميزانية تخفض تمويل المكتبات");

        // Right to left in fact, not only in markup: the headline starts at the right edge of its column.
        var box = (await headline.BoundingBoxAsync())!;
        var column = (await page.Locator(".story-header").BoundingBoxAsync())!;
        Assert.True(column.X + column.Width - (box.X + box.Width) < 2, $"The headline ends {column.X + column.Width - (box.X + box.Width)} px short of the column's right edge.");

        var appeal = page.Locator("#appeal");
        await Assertions.Expect(appeal).ToBeVisibleAsync();
        await Assertions.Expect(appeal.GetByRole(AriaRole.Heading)).ToHaveTextAsync("رسالة من ميريديان");
        await Assertions.Expect(appeal.Locator(".appeal-ask")).ToContainTextAsync("ادعمنا شهريًا");
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"article-arabic-{name}.png"), FullPage = true });

        await appeal.GetByRole(AriaRole.Link, new() { Name = "متابعة" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/ar/support\?campaign=\d+\.0\.e$"));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathFor($"support-arabic-{name}.png"), FullPage = true });
    }
}
