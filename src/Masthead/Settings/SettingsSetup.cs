using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Masthead.Settings;

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
