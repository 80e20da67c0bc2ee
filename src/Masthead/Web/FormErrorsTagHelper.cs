using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Masthead.Web;

/// <summary>
/// Leaves out a form's error summary while there is nothing in it. ASP.NET Core's own summary then writes an empty
/// list item with an inline <c>style="display:none"</c>, which the Content-Security-Policy (no inline style) refuses
/// and every browser reports as a violation; this site has no client-side validation that would fill it in.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class FormErrorsTagHelper : TagHelper
{
    /// <summary>After ASP.NET Core's summary tag helper (order 0).</summary>
    public override int Order => 1;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ViewContext.ViewData.ModelState.IsValid)
        {
            output.SuppressOutput();
        }
    }
}
