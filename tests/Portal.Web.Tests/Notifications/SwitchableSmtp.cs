using System.Net;
using System.Net.Sockets;
using netDumbster.smtp;

namespace Portal.Web.Tests.Notifications;

/// <summary>
/// One local port that is either a real in-process SMTP server (netDumbster) or a dead one: a listener that accepts
/// connections and never answers, as a hung mail relay does.
/// </summary>
public sealed class SwitchableSmtp : IDisposable
{
    private SimpleSmtpServer? server;
    private TcpListener? silent;
    private readonly List<TcpClient> held = [];

    public SwitchableSmtp()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Down();
    }

    public int Port { get; }

    /// <summary>The mail the real server received (empty while it is down).</summary>
    public IReadOnlyList<SmtpMessage> Received => server?.ReceivedEmail ?? [];

    /// <summary>A real SMTP server on the port.</summary>
    public void Up()
    {
        StopSilent();
        server ??= SimpleSmtpServer.Start(Port);
    }

    /// <summary>A server that takes the connection and never says a word.</summary>
    public void Down()
    {
        server?.Dispose();
        server = null;
        if (silent is not null)
        {
            return;
        }

        silent = new TcpListener(IPAddress.Loopback, Port);
        silent.Start();
        _ = HoldAsync(silent);
    }

    private async Task HoldAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                lock (held)
                {
                    held.Add(client);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    private void StopSilent()
    {
        silent?.Stop();
        silent = null;
        lock (held)
        {
            held.ForEach(c => c.Dispose());
            held.Clear();
        }
    }

    public void Dispose()
    {
        StopSilent();
        server?.Dispose();
    }
}
