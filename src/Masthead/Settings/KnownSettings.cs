using System.Collections;
using System.Reflection;

namespace Masthead.Settings;

/// <summary>
/// Every key under <c>Masthead:</c> that Masthead reads, taken from the options classes and keys registered with
/// <see cref="SettingsSetup"/>; "*" stands for a dictionary key or a list index. Finds the configured keys that
/// match none, with the known key nearest to each (by edit distance), for a warning at start.
/// </summary>
public sealed class KnownSettings(IEnumerable<KnownSetting> settings)
{
    /// <summary>The root of Masthead's own settings; keys outside it belong to ASP.NET Core and are not checked.</summary>
    public const string Root = "Masthead";

    /// <summary>Every known key, e.g. <c>Masthead:Contributions:Currencies:*:MonthlyMinimum</c>.</summary>
    public IReadOnlyList<string> Keys { get; } = [.. settings.SelectMany(s => s.Type is null ? [s.Path] : KeysOf(s.Type, s.Path)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="key"/> (a configuration path, any case) is one Masthead reads.</summary>
    public bool IsKnown(string key) => Keys.Any(known => Matches(known, key));

    /// <summary>The configured keys under <c>Masthead:</c> that Masthead does not read, each with the nearest known key.</summary>
    public IReadOnlyList<(string Key, string Nearest)> Unknown(IConfiguration configuration) =>
        [.. configuration.GetSection(Root).AsEnumerable()
            .Where(pair => pair.Value is not null && !IsKnown(pair.Key))
            .Select(pair => (pair.Key, Nearest(pair.Key)))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    /// <summary>The known key with the smallest edit distance to <paramref name="key"/>, its "*" filled in from the key.</summary>
    public string Nearest(string key)
    {
        var segments = key.Split(':');
        return Keys.Select(known => Fill(known, segments)).MinBy(known => Distance(known.ToUpperInvariant(), key.ToUpperInvariant())) ?? Root;
    }

    /// <summary>Whether settings bound to <paramref name="type"/> hold more settings (a nested section) rather than one value.</summary>
    internal static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static IEnumerable<string> KeysOf(Type type, string path)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var key = $"{path}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsSection(propertyType))
            {
                foreach (var nested in KeysOf(propertyType, key))
                {
                    yield return nested;
                }
            }
            else if (propertyType != typeof(string) && ElementType(propertyType) is { } element)
            {
                if (IsSection(element))
                {
                    foreach (var nested in KeysOf(element, key + ":*"))
                    {
                        yield return nested;
                    }
                }
                else
                {
                    yield return key + ":*";
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    /// <summary>The values' type of an array, list or dictionary.</summary>
    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1]
        : null;

    private static bool Matches(string known, string key)
    {
        var a = known.Split(':');
        var b = key.Split(':');
        return a.Length == b.Length && a.Zip(b).All(pair => pair.First == "*" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static string Fill(string known, string[] segments) =>
        string.Join(':', known.Split(':').Select((segment, i) => segment == "*" && i < segments.Length ? segments[i] : segment));

    /// <summary>Levenshtein distance: the fewest single-character insertions, deletions and substitutions from one to the other.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
