using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Masthead.Editions;

/// <summary>
/// Keeps a reader in their edition: a link or form to a path of the site (<c>/support</c>, <c>/articles/…</c>) on a page
/// under a prefix gets the prefix (<c>/ru/support</c>). Pages write plain paths and stay the same for every edition.
/// </summary>
[HtmlTargetElement("a", Attributes = "href")]
[HtmlTargetElement("form", Attributes = "action")]
public sealed class EditionLinksTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var prefix = ViewContext.HttpContext.Request.PathBase;
        var name = output.TagName == "form" ? "action" : "href";
        if (!prefix.HasValue || !output.Attributes.TryGetAttribute(name, out var attribute))
        {
            return;
        }

        var value = attribute.Value switch
        {
            string text => HtmlEncoder.Default.Encode(text),
            IHtmlContent html => Written(html),
            var other => HtmlEncoder.Default.Encode(other?.ToString() ?? ""),
        };
        if (value.Length > 0 && value[0] == '/' && (value.Length == 1 || value[1] is not ('/' or '\\')))
        {
            output.Attributes.SetAttribute(name, new HtmlString(HtmlEncoder.Default.Encode(prefix.Value!) + value));
        }
    }

    private static string Written(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
