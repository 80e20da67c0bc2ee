using System.Text.RegularExpressions;
using System.Xml.Linq;
using Masthead.Editions;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Unit;

/// <summary>
/// Every shipped language has every string: Russian everywhere, Arabic on the reader's side (every resource outside
/// an Admin folder), and a plural in each category its language has (CLDR). And every string the code asks for by a
/// literal key is in its resource, so nothing prints a bare key.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string Source = Path.Combine(Repository.Root, "src", "Masthead");

    /// <summary>The neutral (English) resources: each a base name such as ".../Appeals/AppealsText".</summary>
    public static TheoryData<string> Resources() => [.. ResourceNames()];

    [Fact]
    public void The_reader_side_and_the_admin_have_resources()
    {
        var resources = ResourceNames().ToList();

        Assert.Contains(Path.Combine("Web", "WebText"), resources);
        Assert.Contains(Path.Combine("Appeals", "AppealsText"), resources);
        Assert.Contains(Path.Combine("Articles", "ArticlesText"), resources);
        Assert.Contains(Path.Combine("Staff", "Admin", "AdminText"), resources);
        Assert.Contains(Path.Combine("Articles", "Admin", "AdminText"), resources);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Each_shipped_language_has_every_string_and_every_plural_form(string resource)
    {
        var neutral = Keys(resource, "");
        var problems = new List<string>();
        var languages = resource.Split(Path.DirectorySeparatorChar).Contains("Admin") ? new[] { "ru" } : ["ru", "ar"];
        foreach (var language in languages.Prepend("en"))
        {
            var keys = language == "en" ? neutral : Keys(resource, language);
            var plain = neutral.Where(key => PluralKey(key) is null);
            problems.AddRange(plain.Except(keys).Select(key => $"{language} lacks \"{key}\""));
            foreach (var plural in neutral.Select(PluralKey).OfType<string>().Distinct())
            {
                var wanted = Plurals.CategoriesOf(language).Select(category => $"{plural}.{category}");
                problems.AddRange(wanted.Except(keys).Select(key => $"{language} lacks the plural form \"{key}\""));
            }

            problems.AddRange(keys.Where(key => PluralKey(key) is null).Except(neutral).Select(key => $"{language} has \"{key}\", which English does not"));
        }

        Assert.True(problems.Count == 0, $"{resource}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void Every_string_asked_for_by_its_key_is_in_the_resource_the_code_names()
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            foreach (Match declared in Localizer().Matches(code))
            {
                var type = declared.Groups["type"].Value.Split('.')[^1];
                var resource = ResourceOf(file, declared.Groups["type"].Value);
                if (resource is null)
                {
                    problems.Add($"{Path.GetRelativePath(Source, file)} asks for {type}, which has no {type}.resx");
                    continue;
                }

                var keys = Keys(Path.GetRelativePath(Source, resource[..^".resx".Length]), "");
                var name = declared.Groups["name"].Value;
                foreach (Match use in Regex.Matches(code, $@"\b{Regex.Escape(name)}\[""(?<key>[^""]+)"""))
                {
                    if (!keys.Contains(use.Groups["key"].Value))
                    {
                        problems.Add($"{Path.GetRelativePath(Source, file)} asks {type} for \"{use.Groups["key"].Value}\", which it lacks");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public void Every_forms_validation_messages_are_in_the_resource_its_feature_reads()
    {
        // As FeatureText finds it: the nearest folder above the form with a {Folder}Text resource (an Admin folder's
        // AdminText, a feature's own), else Web/WebText. The message's English text is its key. Settings classes
        // (*Options) are left out: their messages refuse a start, in English, to whoever runs the server.
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories).Where(f => !f.EndsWith("Options.cs", StringComparison.Ordinal)))
        {
            var messages = ErrorMessage().Matches(File.ReadAllText(file));
            if (messages.Count == 0)
            {
                continue;
            }

            var resource = FeatureResourceOf(file);
            var keys = Keys(resource, "");
            foreach (Match message in messages)
            {
                if (!keys.Contains(message.Groups["text"].Value))
                {
                    problems.Add($"{Path.GetRelativePath(Source, file)}: \"{message.Groups["text"].Value}\" is not in {resource}.resx");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    private static string FeatureResourceOf(string file)
    {
        for (var folder = Path.GetDirectoryName(file)!; folder.Length > Source.Length; folder = Path.GetDirectoryName(folder)!)
        {
            var resource = Path.Combine(folder, Path.GetFileName(folder) + "Text");
            if (File.Exists(resource + ".resx"))
            {
                return Path.GetRelativePath(Source, resource);
            }
        }

        return Path.Combine("Web", "WebText");
    }

    /// <summary>
    /// The .resx of the type a file names: as C# finds it, in the file's own folder or the nearest one above it (each
    /// feature's Admin folder has its own AdminText), else the one resource of that name anywhere (Web/WebText).
    /// </summary>
    private static string? ResourceOf(string file, string type)
    {
        var relative = Path.Combine([.. type.Split('.').SkipWhile(part => part == "Masthead")]) + ".resx";
        for (var folder = Path.GetDirectoryName(file); folder is not null && folder.StartsWith(Source, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, relative)))
            {
                return Path.Combine(folder, relative);
            }
        }

        var named = Directory.EnumerateFiles(Source, Path.GetFileName(relative), SearchOption.AllDirectories).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static IEnumerable<string> ResourceNames() =>
        Directory.EnumerateFiles(Source, "*.resx", SearchOption.AllDirectories)
            .Where(path => !LanguageSuffix().IsMatch(path))
            .Select(path => Path.GetRelativePath(Source, path[..^".resx".Length]))
            .Order(StringComparer.Ordinal);

    /// <summary>The base of a plural key ("ReadCount" of "ReadCount.Few"), or null.</summary>
    private static string? PluralKey(string key) =>
        key.LastIndexOf('.') is var dot and > 0 && Enum.TryParse<PluralCategory>(key[(dot + 1)..], out _) ? key[..dot] : null;

    private static HashSet<string> Keys(string resource, string language)
    {
        var path = Path.Combine(Source, resource + (language.Length == 0 ? "" : "." + language) + ".resx");
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. XDocument.Load(path).Root!.Elements("data").Select(data => (string)data.Attribute("name")!)];
    }

    [GeneratedRegex(@"\.[a-z]{2}(-[A-Za-z]+)?\.resx$")]
    private static partial Regex LanguageSuffix();

    [GeneratedRegex(@"IStringLocalizer<(?<type>[\w.]+)>\s+(?<name>\w+)")]
    private static partial Regex Localizer();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""(?<text>[^""]+)""")]
    private static partial Regex ErrorMessage();
}
