using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Masthead.Web;

/// <summary>
/// Every text a form, query or route gives a page is cleaned as it is bound: control characters other than tab and
/// line breaks, and code points that are not characters (U+FFFE, U+FFFF, a lone surrogate), are dropped. No one types
/// them; PostgreSQL refuses NUL, XML feeds cannot carry them, and Unicode normalization throws on them.
/// </summary>
public static class TypedText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnwanted))
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (!IsUnwanted(c) && !char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>
    /// At most <paramref name="length"/> UTF-16 units of <paramref name="text"/>, never ending in half of a surrogate
    /// pair (an emoji cut in two is not text: PostgreSQL's driver refuses to encode it).
    /// </summary>
    public static string Cut(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length)
        {
            return text;
        }

        return text[..(length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
    }

    private static bool IsUnwanted(char c) =>
        (c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f' || c is '\uFFFE' or '\uFFFF' || char.IsSurrogate(c);

    /// <summary>Puts the cleaning binder in front of MVC's own for every string.</summary>
    public sealed class BinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            // Form, query and route values; headers, bodies and services keep their own binders.
            var source = context.BindingInfo.BindingSource;
            return context.Metadata.ModelType == typeof(string) && (source is null || (source.IsFromRequest && !source.IsGreedy))
                ? new Binder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
        }
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text && Clean(text) is var cleaned && !ReferenceEquals(cleaned, text))
            {
                bindingContext.Result = ModelBindingResult.Success(cleaned);
                // A form shown again shows the cleaned text, as it would be saved.
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, cleaned, cleaned);
            }
        }
    }
}
