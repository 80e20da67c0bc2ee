using System.ComponentModel.DataAnnotations;

namespace Masthead.Email;

/// <summary>Checks a form field with <see cref="EmailAddresses.IsValid"/>; an empty field is left to [Required].</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class EmailAddressRuleAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is null || (value is string text && (text.Length == 0 || EmailAddresses.IsValid(text)));
}
