using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Library;

namespace Portal.Provisioning.Libvirt;

/// <summary>
/// Defines, powers and removes KVM/QEMU virtual machines through libvirt's C API, on one connection kept open
/// for the driver's lifetime (reopened if libvirt reports it dead).
/// </summary>
/// <remarks>
/// <para>
/// Concurrency: calls are served one at a time, in arrival order, on the thread pool; callers' threads never block
/// on libvirt. One connection is safe to share across threads in libvirt, but serialising keeps each call's
/// per-thread error state unambiguous and puts no more load on a host than one client at a time.
/// </para>
/// <para>
/// Idempotency, for workflow steps that may be delivered more than once: <see cref="DefineAsync"/> derives the
/// domain's UUID from the idempotency key and returns the domain with that UUID if it exists; starting a running
/// domain, shutting down or destroying a stopped one, and undefining a missing one all succeed without effect.
/// Each of those tries the operation and, if libvirt refuses, succeeds when the domain is in the wanted state anyway,
/// rather than checking first: another client acting in between does not turn a retry into an error.
/// </para>
/// </remarks>
public sealed partial class LibvirtDriver : IDisposable
{
    private readonly LibvirtOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private LibvirtConnectionHandle? connection;
    private volatile bool disposed;

    public LibvirtDriver(LibvirtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Uri);
        this.options = options;
    }

    /// <summary>
    /// The UUID a domain defined with <paramref name="idempotencyKey"/> gets: the first 128 bits of the key's SHA-256,
    /// marked as an RFC 9562 version-8 (custom, hash-based) UUID. The same key always gives the same UUID, on any node.
    /// </summary>
    public static Guid UuidFor(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("portal:libvirt:" + idempotencyKey), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>
    /// Defines (does not start) the domain; a second call with the same key returns the domain the first one defined,
    /// unchanged, even if the spec differs.
    /// </summary>
    /// <exception cref="ArgumentException">The spec cannot be built (see <see cref="DomainXmlBuilder"/>), or it names a UUID other than the key's.</exception>
    /// <exception cref="LibvirtException">libvirt refused the definition, e.g. another domain already has the name.</exception>
    public Task<LibvirtDomain> DefineAsync(string idempotencyKey, LibvirtDomainSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var uuid = UuidFor(idempotencyKey);
        if (spec.Uuid != Guid.Empty && spec.Uuid != uuid)
        {
            throw new ArgumentException(
                $"A domain defined through the driver takes its UUID from the idempotency key ({uuid}); leave the spec's UUID empty instead of {spec.Uuid}.",
                nameof(spec));
        }

        var xml = DomainXmlBuilder.Build(spec with { Uuid = uuid }, idempotencyKey).ToString();
        return RunAsync(
            connection =>
            {
                using (var existing = LookupByUuid(connection, uuid))
                {
                    if (existing is not null && Describe(existing) is { } found)
                    {
                        return found;
                    }
                }

                using var defined = LibvirtNative.virDomainDefineXML(connection, xml);
                if (defined.IsInvalid)
                {
                    throw LibvirtNative.Fail($"define domain '{spec.Name}'");
                }

                return Describe(defined) ?? throw new LibvirtException($"Domain '{spec.Name}' vanished right after it was defined.", LibvirtErrorCodes.NoDomain);
            },
            cancellationToken);
    }

    /// <summary>Boots the domain; a running (or paused) domain is left as it is.</summary>
    /// <exception cref="LibvirtException">No such domain, or libvirt could not start it.</exception>
    public Task StartAsync(string name, CancellationToken cancellationToken = default) =>
        Change(name, "start", LibvirtNative.virDomainCreate, alreadyDone: IsActive, cancellationToken);

    /// <summary>
    /// Asks the guest to shut down (ACPI power button) and returns at once: the domain is shut off when the guest
    /// has finished, which <see cref="FindAsync"/> shows. A domain that is not running is left as it is.
    /// </summary>
    public Task ShutdownAsync(string name, CancellationToken cancellationToken = default) =>
        Change(name, "shut down", LibvirtNative.virDomainShutdown, alreadyDone: state => !IsActive(state), cancellationToken);

    /// <summary>Powers the domain off at once, like pulling the plug. A domain that is not running is left as it is.</summary>
    public Task DestroyAsync(string name, CancellationToken cancellationToken = default) =>
        Change(name, "destroy", LibvirtNative.virDomainDestroy, alreadyDone: state => !IsActive(state), cancellationToken);

    /// <summary>
    /// Removes the domain's definition and its UEFI variable store (NVRAM); a missing domain is fine. Disk images are
    /// left alone. A running domain keeps running as a transient one until it stops: destroy it first to be rid of it.
    /// </summary>
    public Task UndefineAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync(
            connection =>
            {
                using var domain = Lookup(connection, name);
                if (domain is null)
                {
                    return true;
                }

                if (LibvirtNative.virDomainUndefineFlags(domain, LibvirtNative.UndefineNvram) >= 0)
                {
                    return true;
                }

                var error = LibvirtNative.Fail($"undefine domain '{name}'");
                if (error.IsNoDomain)
                {
                    return true;
                }

                // A driver that keeps no NVRAM (libvirt's test driver, for one) rejects the flag; it has none to remove.
                if (error.ErrorCode is LibvirtErrorCodes.InvalidArg or LibvirtErrorCodes.NoSupport
                    && LibvirtNative.virDomainUndefine(domain) >= 0)
                {
                    return true;
                }

                throw error;
            },
            cancellationToken);

    /// <summary>The domain with this name, or null if the host has none.</summary>
    public Task<LibvirtDomain?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync(
            connection =>
            {
                using var domain = Lookup(connection, name);
                return domain is null ? null : Describe(domain);
            },
            cancellationToken);

    /// <summary>The names of every domain on the host, running or not.</summary>
    public Task<IReadOnlyList<string>> ListNamesAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<string>>(
            connection =>
            {
                var count = LibvirtNative.virConnectListAllDomains(connection, out var array, 0);
                if (count < 0)
                {
                    throw LibvirtNative.Fail("list domains");
                }

                var names = new List<string>(count);
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var domain = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                        names.Add(Marshal.PtrToStringUTF8(LibvirtNative.virDomainGetName(domain)) ?? string.Empty);
                        LibvirtNative.virDomainFree(domain);
                    }
                }
                finally
                {
                    // The array itself is the caller's to free(); see LibvirtNative.TakeString.
                    Marshal.FreeHGlobal(array);
                }

                return names;
            },
            cancellationToken);

    public void Dispose()
    {
        disposed = true;
        // The handle is reference-counted by the runtime: a call still using it finishes before libvirt closes it.
        connection?.Dispose();
    }

    private static bool IsActive(LibvirtDomainState state) =>
        state is LibvirtDomainState.Running or LibvirtDomainState.Blocked or LibvirtDomainState.Paused
            or LibvirtDomainState.ShuttingDown or LibvirtDomainState.Suspended;

    private Task Change(
        string name, string action, Func<LibvirtDomainHandle, int> call, Func<LibvirtDomainState, bool> alreadyDone,
        CancellationToken cancellationToken) =>
        RunAsync(
            connection =>
            {
                using var domain = Lookup(connection, name)
                    ?? throw new LibvirtException($"There is no domain '{name}' on {options.Uri} to {action}.", LibvirtErrorCodes.NoDomain);
                if (call(domain) >= 0)
                {
                    return true;
                }

                var error = LibvirtNative.Fail($"{action} domain '{name}'");
                // Drivers word "already running" / "not running" differently (qemu: operation invalid; the test
                // driver: internal error), so the domain's state, not the error code, says whether the goal is met.
                if (alreadyDone(State(domain)))
                {
                    return true;
                }

                throw error;
            },
            cancellationToken);

    private async Task<T> RunAsync<T>(Func<LibvirtConnectionHandle, T> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The native call blocks (a remote host may take seconds); it runs on the pool, with its error read there too.
            return await Task.Run(() => call(Connection()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The open connection, opening or reopening it as needed. Only called inside the gate.</summary>
    private LibvirtConnectionHandle Connection()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (connection is { IsInvalid: false, IsClosed: false } && LibvirtNative.virConnectIsAlive(connection) == 1)
        {
            return connection;
        }

        connection?.Dispose();
        connection = null;
        LibvirtNative.EnsureInitialized();
        var opened = LibvirtNative.virConnectOpen(options.Uri);
        if (opened.IsInvalid)
        {
            var error = LibvirtNative.Fail($"connect to {options.Uri}");
            opened.Dispose();
            throw error;
        }

        connection = opened;
        return opened;
    }

    private static LibvirtDomainHandle? Lookup(LibvirtConnectionHandle connection, string name) =>
        Found(LibvirtNative.virDomainLookupByName(connection, name), $"find domain '{name}'");

    private static LibvirtDomainHandle? LookupByUuid(LibvirtConnectionHandle connection, Guid uuid) =>
        Found(LibvirtNative.virDomainLookupByUUIDString(connection, uuid.ToString("D")), $"find domain {uuid}");

    private static LibvirtDomainHandle? Found(LibvirtDomainHandle domain, string action)
    {
        if (!domain.IsInvalid)
        {
            return domain;
        }

        domain.Dispose();
        var error = LibvirtNative.Fail(action);
        return error.IsNoDomain ? null : throw error;
    }

    private static LibvirtDomainState State(LibvirtDomainHandle domain) =>
        LibvirtNative.virDomainGetState(domain, out var state, out _, 0) >= 0
            ? (LibvirtDomainState)state
            : throw LibvirtNative.Fail("read a domain's state");

    /// <summary>The domain as the portal sees it, or null if it vanished meanwhile (another client undefined it).</summary>
    private static LibvirtDomain? Describe(LibvirtDomainHandle domain)
    {
        var pointer = LibvirtNative.virDomainGetXMLDesc(domain, 0);
        if (pointer == IntPtr.Zero)
        {
            var error = LibvirtNative.Fail("read a domain's XML");
            return error.IsNoDomain ? null : throw error;
        }

        var xml = LibvirtNative.TakeString(pointer);
        if (LibvirtNative.virDomainGetState(domain, out var state, out _, 0) < 0)
        {
            var error = LibvirtNative.Fail("read a domain's state");
            return error.IsNoDomain ? null : throw error;
        }

        return new LibvirtDomain
        {
            Name = DomainXmlReader.ReadName(xml),
            Uuid = DomainXmlReader.ReadUuid(xml),
            State = (LibvirtDomainState)state,
            Xml = xml,
            Hardware = HardwareOrNull(xml),
            IdempotencyKey = DomainXmlReader.ReadIdempotencyKey(xml),
        };
    }

    private static HardwareConfiguration? HardwareOrNull(string xml)
    {
        try
        {
            return DomainXmlReader.ReadHardware(xml);
        }
        catch (InvalidDataException)
        {
            // Documented on LibvirtDomain.Hardware: a domain the portal did not define may not say enough.
            return null;
        }
    }
}
