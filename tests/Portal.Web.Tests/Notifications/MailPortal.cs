using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Notifications;

/// <summary>The provisioning portal with <c>Portal:Smtp</c> pointing at a <see cref="SwitchableSmtp"/>, sending every second and giving a silent server five seconds.</summary>
public sealed class MailPortal : ProvisioningPortal, IAsyncLifetime
{
    public MailPortal()
        : this(new SwitchableSmtp())
    {
    }

    private MailPortal(SwitchableSmtp smtp)
        : base(new Dictionary<string, string?>
        {
            ["Portal:Smtp:Host"] = "127.0.0.1",
            ["Portal:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Portal:Smtp:From"] = "portal@example.com",
            ["Portal:Smtp:Security"] = "None",
            ["Portal:Smtp:PortalUrl"] = "https://portal.example.com/",
            ["Portal:Smtp:PollSeconds"] = "1",
            ["Portal:Smtp:RetrySeconds"] = "1",
            ["Portal:Smtp:TimeoutSeconds"] = "5",
        })
    {
        Smtp = smtp;
    }

    public SwitchableSmtp Smtp { get; }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}
