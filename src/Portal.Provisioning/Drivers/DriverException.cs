namespace Portal.Provisioning.Drivers;

/// <summary>A driver could not do what it was asked (the hypervisor refused, the BMC answered an error). Its message is safe to show: no secrets.</summary>
public sealed class DriverException(string message, Exception? inner = null) : Exception(message, inner);
