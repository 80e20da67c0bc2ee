using Masthead.Data;
using Masthead.Settings;

namespace Masthead.Email;

public static class EmailSetup
{
    /// <summary>
    /// Registers the <see cref="IEmailTransport"/>: SMTP when <c>Masthead:Email:Smtp:Host</c> is set, otherwise the
    /// pickup folder &lt;DataDirectory&gt;/outbox, so a newsroom runs with nothing to set up.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<EmailOptions>("Masthead:Email");
        if (!string.IsNullOrWhiteSpace(configuration["Masthead:Email:Smtp:Host"]))
        {
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }
        else
        {
            var outbox = Path.Combine(MastheadPaths.DataDirectory(configuration), "outbox");
            services.AddSingleton<IEmailTransport>(sp => ActivatorUtilities.CreateInstance<PickupFolderEmailTransport>(sp, outbox));
        }

        services.AddSingleton<MailJob>();
        services.AddHostedService(sp => sp.GetRequiredService<MailJob>());
        return services;
    }
}
