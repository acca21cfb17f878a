namespace Portal.Provisioning.Libvirt;

/// <summary>A libvirt call failed; the message is libvirt's own, so an operator reads what the hypervisor said.</summary>
public sealed class LibvirtException : Exception
{
    public LibvirtException(string message, int errorCode = 0, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>libvirt's <c>virErrorNumber</c> (42 = no such domain), or 0 when the failure came from elsewhere.</summary>
    public int ErrorCode { get; }

    /// <summary>libvirt's VIR_ERR_NO_DOMAIN: the domain does not exist (or vanished during the call).</summary>
    public bool IsNoDomain => ErrorCode == LibvirtErrorCodes.NoDomain;
}
