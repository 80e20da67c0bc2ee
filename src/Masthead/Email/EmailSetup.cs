using Masthead.Data;
using Masthead.Jobs;
using Masthead.Settings;
using Microsoft.AspNetCore.Mvc.DataAnnotations;

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
        services.AddSingleton<IValidationAttributeAdapterProvider, EmailAddressRuleAttribute.Adapters>();
        if (!string.IsNullOrWhiteSpace(configuration["Masthead:Email:Smtp:Host"]))
        {
            services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }
        else
        {
            var outbox = MastheadPaths.OutboxDirectory(configuration);
            services.AddSingleton<IEmailTransport>(sp => ActivatorUtilities.CreateInstance<PickupFolderEmailTransport>(sp, outbox));
        }

        services.AddSingleton<MailJob>();

        // The mail server may be down for a while; what was not sent is retried on the job's next run.
        services.AddPeriodicJob<MailJob>(MailJob.Name, MailJob.Interval, (job, cancellationToken) => job.RunOnceAsync(cancellationToken));
        return services;
    }

    /// <summary>Registers a feature's <see cref="IOutgoingMail"/> (scoped, like the database it reads) for the mail job to run.</summary>
    public static IServiceCollection AddOutgoingMail<TMail>(this IServiceCollection services)
        where TMail : class, IOutgoingMail
    {
        services.AddScoped<TMail>();
        return services.AddScoped<IOutgoingMail>(sp => sp.GetRequiredService<TMail>());
    }
}
