using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace Masthead.Email;

/// <summary>Checks a form field with <see cref="EmailAddresses.IsValid"/>; an empty field is left to [Required].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class EmailAddressRuleAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is null || (value is string text && (text.Length == 0 || EmailAddresses.IsValid(text)));

    /// <summary>
    /// ASP.NET Core translates a validation message only through an adapter of its attribute, and has adapters only for
    /// its own: without this one the message stayed English on every edition's pages. No client-side rule: the forms
    /// are checked by the server.
    /// </summary>
    internal sealed class Adapter(EmailAddressRuleAttribute attribute, IStringLocalizer? localizer) : AttributeAdapterBase<EmailAddressRuleAttribute>(attribute, localizer)
    {
        public override void AddValidation(ClientModelValidationContext context)
        {
        }

        public override string GetErrorMessage(ModelValidationContextBase validationContext)
        {
            ArgumentNullException.ThrowIfNull(validationContext);
            return GetErrorMessage(validationContext.ModelMetadata, validationContext.ModelMetadata.GetDisplayName());
        }
    }

    /// <summary>ASP.NET Core's adapters, and <see cref="Adapter"/> for this attribute.</summary>
    internal sealed class Adapters : IValidationAttributeAdapterProvider
    {
        private readonly ValidationAttributeAdapterProvider _aspNetCore = new();

        public IAttributeAdapter? GetAttributeAdapter(ValidationAttribute attribute, IStringLocalizer? stringLocalizer) =>
            attribute is EmailAddressRuleAttribute rule ? new Adapter(rule, stringLocalizer) : _aspNetCore.GetAttributeAdapter(attribute, stringLocalizer);
    }
}
