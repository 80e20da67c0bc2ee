using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Masthead.Settings;

/// <summary>
/// Data annotations checked property by property, the setting's full key as the display name, so a failure reads
/// "The field Masthead:Newsroom:PageSize must be between 1 and 100." and not "DataAnnotation validation failed for ...".
/// Nested settings objects are checked the same way; <see cref="IValidatableObject"/> adds its own sentences.
/// </summary>
internal sealed class NamedAnnotations<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        Check(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object options, string path, List<string> failures)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var key = $"{path}:{property.Name}";
            var value = property.GetValue(options);
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = key };
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.GetValidationResult(value, context) is { ErrorMessage: { } message })
                {
                    failures.Add(message);
                }
            }

            if (value is not null && KnownSettings.IsSection(property.PropertyType))
            {
                Check(value, key, failures);
            }
        }

        if (options is IValidatableObject validatable)
        {
            failures.AddRange(validatable.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).OfType<string>());
        }
    }
}
