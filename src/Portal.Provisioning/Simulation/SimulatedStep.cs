namespace Portal.Provisioning.Simulation;

/// <summary>The step names fault injection knows.</summary>
public static class SimulatedStep
{
    public const string CreateVirtualMachine = nameof(CreateVirtualMachine);
    public const string DeleteVirtualMachine = nameof(DeleteVirtualMachine);
    public const string ConvertImage = nameof(ConvertImage);
    public const string WriteImage = nameof(WriteImage);
    public const string EraseDisk = nameof(EraseDisk);
    public const string ConfigureSoftware = nameof(ConfigureSoftware);
    public const string Power = nameof(Power);
    public const string Capture = nameof(Capture);

    public static readonly IReadOnlyList<string> All =
        [CreateVirtualMachine, DeleteVirtualMachine, ConvertImage, WriteImage, EraseDisk, ConfigureSoftware, Power, Capture];
}
