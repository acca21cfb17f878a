namespace Portal.Domain.Library;

/// <summary>The steps a deployment is made of, in the order they run.</summary>
public enum DeploymentStepKind
{
    ConvertArtifact,
    CreateVirtualMachine,
    AllocatePhysicalServer,
    WriteImage,
    ConfigureSoftware,
    PowerOn,
}
