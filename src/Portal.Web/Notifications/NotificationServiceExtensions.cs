using Portal.Data.Notifications;
using Portal.Domain.Notifications;
using Portal.Provisioning.Requests;

namespace Portal.Web.Notifications;

public static class NotificationServiceExtensions
{
    /// <summary>
    /// Notifications: the notifier others call (<see cref="INotifier"/>, writes rows and never waits for a mail
    /// server), the store the bell and the API read, the in-process hub that updates open bells, and the
    /// <c>Portal:Smtp</c> settings (e-mail off while no host is set).
    /// </summary>
    public static IServiceCollection AddPortalNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NotificationHub>();
        services.AddScoped<NotificationStore>();
        services.AddSingleton<INotifier, EfNotifier>();
        services.AddSingleton<RequestNotifications>();
        services.AddScoped<MailOutbox>();
        services.AddHostedService<MailOutboxSender>();
        return services;
    }
}
