namespace Portal.Provisioning.Conversion;

/// <summary>qemu-img is missing, failed, or produced something other than what was asked for.</summary>
public sealed class QemuImgException(string message, Exception? innerException = null) : Exception(message, innerException);
