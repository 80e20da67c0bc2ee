using Microsoft.Extensions.Localization;

namespace Masthead.Editions;

/// <summary>
/// Where a form's validation messages are translated: the resources of the form's feature. A model in
/// <c>Masthead.Appeals.Site</c> reads <c>Masthead.Appeals.Site.SiteText</c> if there is one, else
/// <c>Masthead.Appeals.AppealsText</c>: the message's English text is its key, as ASP.NET Core's data-annotation
/// localization expects.
/// </summary>
public static class FeatureText
{
    public static IStringLocalizer For(Type model, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(factory);
        var name = model.Namespace ?? "";
        while (name.Contains('.', StringComparison.Ordinal))
        {
            if (model.Assembly.GetType($"{name}.{name[(name.LastIndexOf('.') + 1)..]}Text") is { } text)
            {
                return factory.Create(text);
            }

            name = name[..name.LastIndexOf('.')];
        }

        return factory.Create(typeof(Web.WebText));
    }
}
