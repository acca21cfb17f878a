using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Data;
using Portal.Data.Notifications;

namespace Portal.Web.Notifications;

/// <summary>
/// Sends what is due in the e-mail outbox with MailKit. Each row is first claimed by a conditional update (its next
/// attempt moved past the send), so two portal nodes never send one message twice at once; success marks it sent,
/// failure counts the attempt, keeps the error (never a credential) and backs off, until
/// <see cref="SmtpOptions.MaxAttempts"/> gives it up. Scoped: one context per pass.
/// </summary>
public sealed partial class MailOutbox(PortalDbContext db, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<MailOutbox> logger)
{
    /// <summary>At most this many messages per pass.</summary>
    public const int Batch = 20;

    /// <summary>Sends the due messages; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var due = await db.MailOutbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt != null && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var message in due)
        {
            // Held for the length of a try: another node (or the next pass) leaves it alone meanwhile.
            var hold = now + TimeSpan.FromSeconds(smtp.TimeoutSeconds * 3);
            var claimed = await db.MailOutbox.Where(m => m.Id == message.Id && m.SentAt == null && m.NextAttemptAt == message.NextAttemptAt)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, hold), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await SendAsync(smtp, message, cancellationToken);
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.SentAt, clock.GetUtcNow())
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.LastError, (string?)null), cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var next = attempts >= smtp.MaxAttempts ? (DateTimeOffset?)null : clock.GetUtcNow() + smtp.Backoff(attempts);
                var error = $"{e.GetType().Name}: {e.Message}";
                error = error.Length <= MailOutboxRecordConfiguration.ErrorLength ? error : error[..MailOutboxRecordConfiguration.ErrorLength];
                await db.MailOutbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, error), CancellationToken.None);
                if (next is null)
                {
                    LogGivenUp(message.Id, attempts, smtp.Host!, smtp.Port, e.GetType().Name);
                }
                else
                {
                    LogFailed(message.Id, attempts, smtp.Host!, smtp.Port, e.GetType().Name, next.Value);
                }
            }
        }

        return sent;
    }

    private static async Task SendAsync(SmtpOptions smtp, MailOutboxRecord message, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From!));
        mail.To.Add(MailboxAddress.Parse(message.ToAddress));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {MessageId} could not be sent through {SmtpHost}:{SmtpPort} (attempt {Attempts}, {Error}); trying again at {NextAttempt}")]
    private partial void LogFailed(long messageId, int attempts, string smtpHost, int smtpPort, string error, DateTimeOffset nextAttempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {MessageId} was given up after {Attempts} attempts through {SmtpHost}:{SmtpPort} ({Error})")]
    private partial void LogGivenUp(long messageId, int attempts, string smtpHost, int smtpPort, string error);
}
