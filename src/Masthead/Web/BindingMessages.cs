using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Masthead.Web;

/// <summary>
/// ASP.NET Core's own messages for a value a form field cannot hold ("The value 'x' is not valid for Version."), in
/// the reader's or staff member's language. The localizer reads the request's culture each time a message is made.
/// </summary>
public static class BindingMessages
{
    public static void Translate(MvcOptions mvc, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(mvc);
        ArgumentNullException.ThrowIfNull(factory);
        var text = factory.Create(typeof(WebText));
        var messages = mvc.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["Binding.ValueNotValidFor", value, field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Binding.ValueNotValid", value]);
        messages.SetValueIsInvalidAccessor(value => text["Binding.ValueNotValid", value]);
        messages.SetUnknownValueIsInvalidAccessor(field => text["Binding.NotValidFor", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.NotValid"]);
        messages.SetValueMustBeANumberAccessor(field => text["Binding.NumberFor", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.Number"]);
        messages.SetMissingBindRequiredValueAccessor(field => text["Binding.Missing", field]);
        messages.SetMissingKeyOrValueAccessor(() => text["Binding.Required"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.EmptyBody"]);
        messages.SetValueMustNotBeNullAccessor(value => text["Binding.Required"]);
    }
}
