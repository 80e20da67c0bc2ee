using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Masthead.Newsletters.Site;

/// <summary>The lists ticked on a reader's form, read against those the page offered.</summary>
public static class ListPicks
{
    /// <summary>
    /// The ids of <paramref name="ticked"/> among <paramref name="offered"/>, or null with the reason beside the
    /// lists' field when none is, or one names a list the page did not offer (a forged or stale form).
    /// </summary>
    public static IReadOnlyCollection<int>? Read(IEnumerable<string?> ticked, IReadOnlyList<ListChoice> offered, ModelStateDictionary errors, string noneTicked, string unknown)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var ids = new HashSet<int>();
        foreach (var value in ticked)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !offered.Any(l => l.Id == id))
            {
                errors.AddModelError(Field, unknown);
                return null;
            }

            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            errors.AddModelError(Field, noneTicked);
            return null;
        }

        return ids;
    }

    /// <summary>The name the lists' checkboxes post under.</summary>
    public const string Field = "Input.Lists";
}
