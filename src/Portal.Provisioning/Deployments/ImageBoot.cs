using Portal.Domain.Library;

namespace Portal.Provisioning.Deployments;

/// <summary>What a physical server's image writer boots to write: the artifact, the server's firmware (if known) and whether its platform's iPXE has HTTPS.</summary>
public sealed record ImageBoot(ImageArtifact Artifact, FirmwareType? Firmware, bool IpxeHasHttps);
