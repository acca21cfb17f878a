using Microsoft.Extensions.Options;
using Portal.Data.Notifications;
using Portal.Web.Hosting;

namespace Portal.Web.Notifications;

/// <summary>
/// Sends the e-mail outbox in the background, every <see cref="SmtpOptions.PollSeconds"/>, while <c>Portal:Smtp</c>
/// names a host (otherwise it stops at once). Notifying only writes rows, so a slow or failing mail server holds up
/// this loop and nothing else.
/// </summary>
public sealed partial class MailOutboxSender(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<MailOutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            return;
        }

        LogSending(smtp.Host!, smtp.Port, smtp.Security);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(smtp.PollSeconds), clock);
        do
        {
            try
            {
                await scopes.WithAsync<MailOutbox, int>(outbox => outbox.SendDueAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database away: the rows wait, the next tick tries again.
                LogPassFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification e-mail goes through {SmtpHost}:{SmtpPort} ({Security})")]
    private partial void LogSending(string smtpHost, int smtpPort, SmtpSecurity security);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass over the e-mail outbox failed; the next one tries again")]
    private partial void LogPassFailed(Exception exception);
}
