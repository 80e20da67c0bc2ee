using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Masthead.Reach;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Reach;

/// <summary>
/// <c>export-mirror</c> run as the program on a fresh database with the demo newsroom, as the README says, and the copy
/// read from disk: every link resolves to a file in it, nothing names the loopback server, and the site's own host
/// appears only where a copy cannot serve (giving, reminders), on purpose.
/// </summary>
public sealed partial class MirrorExportTests : IDisposable
{
    private const string Site = "https://meridian.example.org";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("masthead-mirror-");

    private string Data => Path.Combine(_work.FullName, "data");

    private string Copy => Path.Combine(_work.FullName, "copy");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_demo_newsroom_exports_to_a_copy_whose_every_link_resolves_on_disk_and_whose_giving_leads_to_the_site()
    {
        var (exitCode, output, error) = await ExportAsync(Copy, "--base-url", "https://copy.example.net");
        Assert.True(exitCode == 0, $"export-mirror exited {exitCode}:\n{output}\n{error}");
        Assert.Matches(@"Exported \d+ files to .*: \d+ written, 0 unchanged, 0 removed\.", output);
        Assert.DoesNotContain("broken link:", output, StringComparison.Ordinal);

        var pages = Directory.EnumerateFiles(Copy, "*.html", SearchOption.AllDirectories).ToList();
        Assert.Contains(Path.Combine(Copy, "index.html"), pages);
        Assert.Contains(Path.Combine(Copy, "ru", "index.html"), pages);
        Assert.Contains(Path.Combine(Copy, "reach", "index.html"), pages);
        Assert.True(File.Exists(Path.Combine(Copy, "site.css")) && File.Exists(Path.Combine(Copy, "reader.js")) && File.Exists(Path.Combine(Copy, "feed.xml")) && File.Exists(Path.Combine(Copy, "sitemap.xml")));
        Assert.True(pages.Count(p => p.Contains($"{Path.DirectorySeparatorChar}articles{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) >= 10);

        var live = new List<string>();
        foreach (var file in pages)
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            var page = Html.Parse(text);
            Assert.NotNull(page.DocumentElement.GetAttribute("data-static-copy") ?? (text.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal) ? "" : null));
            Assert.Null(page.QuerySelector("form.site-search"));
            Assert.All(page.QuerySelectorAll("form"), form => Assert.True(form.HasAttribute("hidden"), $"{file}: a form a static host cannot take is shown"));
            foreach (var element in page.QuerySelectorAll("a[href], link[href], script[src], img[src], form[action]"))
            {
                var link = element.GetAttribute("href") ?? element.GetAttribute("src") ?? element.GetAttribute("action")!;
                if (link.StartsWith('#'))
                {
                    continue;
                }

                if (Uri.TryCreate(link, UriKind.Absolute, out var absolute))
                {
                    Assert.True(absolute.Host != "localhost", $"{file} links {link}");
                    if (absolute.Host == "meridian.example.org")
                    {
                        live.Add(absolute.AbsolutePath);
                    }

                    continue;
                }

                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(link.Split('#')[0])));
                Assert.True(File.Exists(target), $"{file} links {link}, which the copy does not hold");
            }

            // Beyond those links, the site's host is named only by the "Reach us" page, which says where the site itself is
            // (structured data and og:url name the copy, given its address).
            foreach (Match named in SiteAddress().Matches(text))
            {
                Assert.True(IsLiveOnly(named.Groups["path"].Value) || (file.EndsWith($"reach{Path.DirectorySeparatorChar}index.html", StringComparison.Ordinal) && named.Groups["path"].Value is "/" or "/ru/"), $"{file} names {named.Value}");
            }
        }

        Assert.Contains("/support", live);
        Assert.All(live, path => Assert.True(IsLiveOnly(path), path));
        var article = Html.Parse(await File.ReadAllTextAsync(pages.First(p => p.Contains("foreign-agent-in-russia", StringComparison.Ordinal))));
        Assert.Equal(Site + "/support", article.QuerySelector("#appeal .appeal-continue")!.GetAttribute("href"));
        Assert.Equal("index.html", article.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://copy.example.net/articles/what-does-it-mean-to-be-labelled-a-foreign-agent-in-russia/", article.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        var reach = Html.Parse(await File.ReadAllTextAsync(Path.Combine(Copy, "reach", "index.html")));
        Assert.Equal(2, reach.QuerySelectorAll(".mirrors li").Length);
        Assert.Equal(Site + "/", reach.QuerySelector(".home-address")!.TextContent);
    }

    [Fact]
    public async Task A_second_export_writes_only_what_changed_and_with_a_base_address_the_feeds_and_sitemap_link_the_copy()
    {
        var (first, firstOutput, _) = await ExportAsync(Copy);
        Assert.Equal(0, first);
        var manifest = Path.Combine(Copy, MirrorExport.ManifestFile);
        Assert.True(File.Exists(manifest));

        var (again, againOutput, againError) = await ExportAsync(Copy);
        Assert.True(again == 0, againError);
        var total = Regex.Match(firstOutput, @"Exported (\d+) files").Groups[1].Value;
        Assert.Contains($"Exported {total} files to {Copy}: 0 written, {total} unchanged, 0 removed.", againOutput, StringComparison.Ordinal);
        Assert.Contains(Site + "/articles/", await File.ReadAllTextAsync(Path.Combine(Copy, "feed.xml")), StringComparison.Ordinal);

        var (based, basedOutput, basedError) = await ExportAsync(Copy, "--base-url", "https://copy.example.net/news/");
        Assert.True(based == 0, basedError);
        Assert.Matches(@"[1-9]\d* written", basedOutput);
        foreach (var xml in new[] { "feed.xml", "atom.xml", "sitemap.xml", Path.Combine("ru", "feed.xml") })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(Copy, xml));
            Assert.Contains("https://copy.example.net/news/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("meridian.example.org", text, StringComparison.Ordinal);
        }

        Assert.Contains("https://copy.example.net/news/articles/", await File.ReadAllTextAsync(Path.Combine(Copy, "feed.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_holding_other_files_or_a_bad_address_is_refused_with_one_sentence_and_nothing_is_written_there()
    {
        var other = Directory.CreateDirectory(Path.Combine(_work.FullName, "photos"));
        await File.WriteAllTextAsync(Path.Combine(other.FullName, "holiday.jpg"), "not ours");

        var (exitCode, output, error) = await ExportAsync(other.FullName);
        Assert.True(exitCode == 1, $"exit {exitCode}:\n{output}\n{error}");
        Assert.Contains("is not empty and holds no earlier export", error, StringComparison.Ordinal);
        Assert.Equal(["holiday.jpg"], other.GetFiles().Select(f => f.Name));

        var (badAddress, _, addressError) = await ExportAsync(Copy, "--base-url", "ftp://copy.example.net");
        Assert.Equal(2, badAddress);
        Assert.Contains("--base-url \"ftp://copy.example.net\" must be a full http or https address", addressError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Copy));
    }

    private Task<(int ExitCode, string Output, string Error)> ExportAsync(string folder, params string[] options) =>
        MastheadProcess.RunToExitAsync(
            new Dictionary<string, string?> { ["Masthead:DataDirectory"] = Data, ["Masthead:Newsroom:SeedDemo"] = "true", ["Masthead:Newsroom:BaseUrl"] = Site },
            // Development, as the README runs it: the stylesheet and script come from the project, not a published folder.
            ["export-mirror", folder, .. options, "--environment", "Development"],
            TimeSpan.FromSeconds(90));

    private static bool IsLiveOnly(string path) =>
        Regex.IsMatch(path, "^(/ru)?/(support|appeal|api|newsletter)(/|$|\\?)");

    [GeneratedRegex(@"https://meridian\.example\.org(?<path>/[^""'<>\s]*)?")]
    private static partial Regex SiteAddress();
}
