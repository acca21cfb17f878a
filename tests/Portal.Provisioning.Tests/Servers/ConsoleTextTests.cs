using Portal.Provisioning.Servers;

namespace Portal.Provisioning.Tests.Servers;

public sealed class ConsoleTextTests
{
    [Fact]
    public void Terminal_escapes_carriage_returns_and_control_characters_are_dropped_and_lines_kept()
    {
        // What systemd and GRUB write on a serial console: colours, a cursor move, a title (OSC), CRLF line ends, a bell.
        const string raw = "\u001b[0;32m  OK  \u001b[0m] Started cloud-init.\r\n\u001b[2J\u001b[H\u001b]0;title\u0007GRUB\tmenu\u0007\r\nweb07 login: ";

        Assert.Equal("  OK  ] Started cloud-init.\nGRUB\tmenu\nweb07 login: ", ConsoleText.Plain(raw));
    }
}
