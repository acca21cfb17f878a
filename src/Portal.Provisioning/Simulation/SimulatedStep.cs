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

    /// <summary>The simulated image writer on a bare-metal server reports a failed write.</summary>
    public const string ImageWriter = nameof(ImageWriter);

    /// <summary>The simulated image writer never calls back (a server that did not boot): the wait times out.</summary>
    public const string ImageWriterCallback = nameof(ImageWriterCallback);

    /// <summary>The simulated DHCP leased an address (logged, never failed on purpose).</summary>
    public const string AddressLease = nameof(AddressLease);

    public static readonly IReadOnlyList<string> All =
        [CreateVirtualMachine, DeleteVirtualMachine, ConvertImage, WriteImage, EraseDisk, ConfigureSoftware, Power, Capture, ImageWriter, ImageWriterCallback];
}
