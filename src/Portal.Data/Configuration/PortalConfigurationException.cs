namespace Portal.Data.Configuration;

/// <summary>
/// A setting the operator must fix before the portal can start. The message names the key; the host
/// prints it alone, without a stack trace, because nothing in the code is wrong.
/// </summary>
public sealed class PortalConfigurationException(string message) : Exception(message);
