namespace Portal.Data.Notifications;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it, plain otherwise (port 25 relays inside a datacenter).</summary>
    Auto,

    /// <summary>Plain SMTP; for a relay on the same host or network only.</summary>
    None,

    /// <summary>STARTTLS required (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
