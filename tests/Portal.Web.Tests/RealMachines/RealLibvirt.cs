namespace Portal.Web.Tests.RealMachines;

/// <summary>Placeholder until the image helper lands its fixture.</summary>
internal static class RealLibvirt
{
    public const string Uri = "qemu:///system";

    public static string DebianImage => Environment.GetEnvironmentVariable("PORTAL_TEST_DEBIAN_IMAGE")
        ?? throw new InvalidOperationException("PORTAL_TEST_DEBIAN_IMAGE is not set: run tests/images/build-debian-image.sh (tests/run.sh does).");

    public static void Require() => _ = DebianImage;
}
