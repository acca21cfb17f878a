namespace Portal.Domain.Library;

/// <summary>Instruction set of the processor an image was built for.</summary>
public enum CpuArchitecture
{
    X86_64,
    Aarch64,
}
