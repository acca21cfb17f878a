using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Notifications;
using static Portal.Web.Tests.Notifications.NotificationClients;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Notifications;

/// <summary>
/// Notification e-mail through the outbox to a real SMTP server in the process: it arrives with the right recipient,
/// subject and link; a mail server that hangs holds up nothing but its own row, which is tried again until it goes.
/// </summary>
public sealed class MailOutboxTests(MailPortal portal) : IClassFixture<MailPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<MailOutboxRecord?> OutboxRowAsync(string to, string subject, string hostname)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.MailOutbox.AsNoTracking().Where(m => m.ToAddress == to && m.Subject == subject).ToListAsync(Token))
            .SingleOrDefault(m => m.Body.Contains(hostname, StringComparison.Ordinal));
    }

    private async Task<MailOutboxRecord> WaitForRowAsync(string to, string subject, string hostname, Func<MailOutboxRecord, bool> until)
    {
        MailOutboxRecord? row = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            row = await OutboxRowAsync(to, subject, hostname);
            if (row is not null && until(row))
            {
                return row;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"The outbox row to {to} about {hostname} never got there: attempts {row?.Attempts}, sent {row?.SentAt}, error {row?.LastError}");
    }

    private async Task<netDumbster.smtp.SmtpMessage> WaitForMailAsync(string to, string hostname)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var mail = portal.Smtp.Received.FirstOrDefault(m =>
                m.ToAddresses.Any(a => a.Address == to) && m.MessageParts.Any(p => p.BodyData.Contains(hostname, StringComparison.Ordinal)));
            if (mail is not null)
            {
                return mail;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"No e-mail to {to} about {hostname} reached the SMTP server ({portal.Smtp.Received.Count} received).");
    }

    [Fact]
    public async Task A_notification_email_reaches_the_smtp_server_with_its_recipient_subject_and_link()
    {
        portal.Smtp.Up();
        using var requester = await portal.SignedInAsync("requester@portal.local");

        var id = (string)(await SubmitAsync(requester, VirtualRequest("mail-ok-01")))["id"]!;

        var mail = await WaitForMailAsync("requester@portal.local", "mail-ok-01");
        Assert.Equal("Request submitted", mail.Headers["Subject"]);
        Assert.Equal("portal@example.com", mail.FromAddress.Address);
        Assert.Contains($"https://portal.example.com/requests/{id}", mail.MessageParts[0].BodyData, StringComparison.Ordinal);
        var row = await WaitForRowAsync("requester@portal.local", "Request submitted", "mail-ok-01", r => r.SentAt is not null);
        Assert.Null(row.NextAttemptAt);
    }

    [Fact]
    public async Task A_hung_smtp_server_delays_nothing_else_and_its_message_goes_once_the_server_answers()
    {
        portal.Smtp.Down();
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");

        // Submitting and approving while the mail server hangs: each answers as fast as without e-mail.
        var watch = Stopwatch.StartNew();
        var id = (string)(await SubmitAsync(requester, VirtualRequest("mail-down-01")))["id"]!;
        var submittedIn = watch.Elapsed;
        await WaitForAsync(requester, "RequestSubmitted", $"/requests/{id}");
        using (var decided = await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, decided.StatusCode);
        }

        await WaitForStatusAsync(requester, id, "Completed");
        await WaitForAsync(requester, "RequestCompleted", $"/requests/{id}");

        // Meanwhile the e-mail failed (the 5 s timeout) and waits to be tried again, with the reason.
        var failed = await WaitForRowAsync("requester@portal.local", "Request submitted", "mail-down-01", r => r.Attempts >= 1);
        Assert.Null(failed.SentAt);
        Assert.NotNull(failed.NextAttemptAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError), "the failure is kept on the row");
        Assert.True(submittedIn < TimeSpan.FromSeconds(5), $"submitting took {submittedIn}, as long as the mail server's timeout");

        portal.Smtp.Up();
        await WaitForMailAsync("requester@portal.local", "mail-down-01");
        var sent = await WaitForRowAsync("requester@portal.local", "Request submitted", "mail-down-01", r => r.SentAt is not null);
        Assert.True(sent.Attempts >= 1);
    }
}
