using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Masthead.Settings;

/// <summary>A part of the configuration Masthead reads: a section bound to an options class, or single keys read directly.</summary>
/// <param name="Path">The section or key, e.g. <c>Masthead:Newsroom</c>.</param>
/// <param name="Type">The options class bound from <paramref name="Path"/>, or null for a single key.</param>
public sealed record KnownSetting(string Path, Type? Type = null);

public static class SettingsSetup
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/>, checks its data annotations (each failure names the
    /// setting, e.g. "Masthead:Newsroom:PageSize") when Masthead starts, and makes its keys known, so a misspelt
    /// key gets a warning naming the nearest real one.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.TryAddSingleton<KnownSettings>();
        services.AddSingleton(new KnownSetting(section, typeof(T)));
        services.AddSingleton<IValidateOptions<T>>(new NamedAnnotations<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>Makes keys known that are read directly from configuration rather than bound to an options class.</summary>
    public static IServiceCollection AddSettingKeys(this IServiceCollection services, params string[] keys)
    {
        services.TryAddSingleton<KnownSettings>();
        foreach (var key in keys)
        {
            services.AddSingleton(new KnownSetting(key));
        }

        return services;
    }
}

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
