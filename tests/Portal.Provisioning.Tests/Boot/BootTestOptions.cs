using Portal.Provisioning.Boot;

namespace Portal.Provisioning.Tests.Boot;

/// <summary>Options as a deployment would configure them, with a fixed key so failures are reproducible.</summary>
internal static class BootTestOptions
{
    public static readonly string Key = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))]);

    public static BootOptions Create(string? key = null) => new()
    {
        TokenKey = key ?? Key,
        PortalBaseUrl = new Uri("https://portal.example/"),
        ImageWriterKernelUrl = new Uri("http://boot.example/writer/vmlinuz"),
        ImageWriterInitrdUrl = new Uri("http://boot.example/writer/initrd.img"),
    };
}
