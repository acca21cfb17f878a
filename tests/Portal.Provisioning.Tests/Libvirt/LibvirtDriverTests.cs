using Portal.Domain.Library;
using Portal.Provisioning.Libvirt;

namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>
/// The driver against libvirt's in-memory test hypervisor (test:///default) through libvirt.so.0.
/// Within one process every open test:///default connection shares one hypervisor, so each test uses names and
/// keys of its own.
/// </summary>
public sealed class LibvirtDriverTests : IDisposable
{
    private readonly LibvirtDriver driver = new(new LibvirtOptions { Uri = "test:///default" });

    public void Dispose() => driver.Dispose();

    [Fact]
    public async Task A_domain_goes_through_define_start_redefine_destroy_and_undefine()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = SampleDomains.UniqueName("life");
        var spec = SampleDomains.Spec(name) with { Uuid = Guid.Empty };

        var defined = await driver.DefineAsync($"{name}-key", spec, ct);
        Assert.Equal(LibvirtDomainState.ShutOff, defined.State);

        await driver.StartAsync(name, ct);
        var running = await driver.FindAsync(name, ct);
        Assert.NotNull(running);
        Assert.Equal(LibvirtDomainState.Running, running.State);
        Assert.Equal(spec.Hardware, running.Hardware);

        var again = await driver.DefineAsync($"{name}-key", spec, ct);
        Assert.Equal(defined.Uuid, again.Uuid);
        Assert.Single(await driver.ListNamesAsync(ct), n => n == name);

        await driver.DestroyAsync(name, ct);
        Assert.Equal(LibvirtDomainState.ShutOff, (await driver.FindAsync(name, ct))?.State);

        await driver.UndefineAsync(name, ct);
        Assert.Null(await driver.FindAsync(name, ct));
    }

    [Fact]
    public async Task A_uefi_domain_goes_through_the_same_lifecycle()
    {
        // The test driver accepts firmware='efi' and keeps no NVRAM; undefining still asks for NVRAM removal,
        // which a qemu host needs for UEFI domains.
        var ct = TestContext.Current.CancellationToken;
        var name = SampleDomains.UniqueName("uefi");
        var spec = SampleDomains.Spec(name, SampleDomains.Hardware(FirmwareType.Uefi)) with { Uuid = Guid.Empty };

        await driver.DefineAsync($"{name}-key", spec, ct);
        await driver.StartAsync(name, ct);
        var running = await driver.FindAsync(name, ct);
        await driver.DestroyAsync(name, ct);
        await driver.UndefineAsync(name, ct);

        Assert.Equal((LibvirtDomainState.Running, spec.Hardware), (running?.State, running?.Hardware));
        Assert.Null(await driver.FindAsync(name, ct));
    }

    [Fact]
    public async Task A_redelivered_define_returns_the_first_domain_even_under_another_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = SampleDomains.UniqueName("redo");
        var first = await driver.DefineAsync(prefix, SampleDomains.Spec($"{prefix}-a") with { Uuid = Guid.Empty }, ct);

        var second = await driver.DefineAsync(prefix, SampleDomains.Spec($"{prefix}-b") with { Uuid = Guid.Empty }, ct);

        Assert.Equal((first.Uuid, first.Name), (second.Uuid, second.Name));
        Assert.Single(await driver.ListNamesAsync(ct), n => n.StartsWith(prefix, StringComparison.Ordinal));
        await driver.UndefineAsync(first.Name, ct);
    }

    [Fact]
    public async Task The_domain_records_its_idempotency_key_and_takes_its_uuid_from_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = SampleDomains.UniqueName("keyed");

        var domain = await driver.DefineAsync($"{name}-key", SampleDomains.Spec(name) with { Uuid = Guid.Empty }, ct);

        Assert.Equal(($"{name}-key", LibvirtDriver.UuidFor($"{name}-key")), (domain.IdempotencyKey, domain.Uuid));
        await driver.UndefineAsync(name, ct);
    }

    [Fact]
    public async Task A_spec_uuid_other_than_the_keys_is_refused()
    {
        var name = SampleDomains.UniqueName("uuid");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            driver.DefineAsync($"{name}-key", SampleDomains.Spec(name), TestContext.Current.CancellationToken));

        Assert.Contains("takes its UUID from the idempotency key", error.Message);
    }

    [Fact]
    public void The_uuid_of_a_key_is_stable_distinct_and_a_version_8_uuid()
    {
        var uuid = LibvirtDriver.UuidFor("request-7/deploy");

        Assert.Equal(uuid, LibvirtDriver.UuidFor("request-7/deploy"));
        Assert.NotEqual(uuid, LibvirtDriver.UuidFor("request-8/deploy"));
        Assert.Equal(8, uuid.Version);
    }

    [Fact]
    public async Task Start_shutdown_and_destroy_succeed_when_the_domain_is_already_there()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = SampleDomains.UniqueName("again");
        await driver.DefineAsync($"{name}-key", SampleDomains.Spec(name) with { Uuid = Guid.Empty }, ct);

        await driver.StartAsync(name, ct);
        await driver.StartAsync(name, ct);
        var started = (await driver.FindAsync(name, ct))?.State;
        // The test driver's guest obeys a shutdown request at once; a real guest takes its time.
        await driver.ShutdownAsync(name, ct);
        await driver.ShutdownAsync(name, ct);
        var shutDown = (await driver.FindAsync(name, ct))?.State;
        await driver.DestroyAsync(name, ct);
        await driver.UndefineAsync(name, ct);
        await driver.UndefineAsync(name, ct);

        Assert.Equal((LibvirtDomainState.Running, LibvirtDomainState.ShutOff), (started, shutDown));
    }

    [Fact]
    public async Task Undefining_a_domain_that_does_not_exist_is_fine()
    {
        await driver.UndefineAsync(SampleDomains.UniqueName("never"), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Starting_a_domain_that_does_not_exist_names_it()
    {
        var name = SampleDomains.UniqueName("ghost");

        var error = await Assert.ThrowsAsync<LibvirtException>(() => driver.StartAsync(name, TestContext.Current.CancellationToken));

        Assert.True(error.IsNoDomain && error.Message.Contains(name, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task A_name_taken_by_another_domain_fails_with_libvirts_own_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = SampleDomains.UniqueName("taken");
        await driver.DefineAsync($"{name}-first", SampleDomains.Spec(name) with { Uuid = Guid.Empty }, ct);

        var error = await Assert.ThrowsAsync<LibvirtException>(() =>
            driver.DefineAsync($"{name}-second", SampleDomains.Spec(name) with { Uuid = Guid.Empty }, ct));

        Assert.Contains("already exists", error.Message);
        await driver.UndefineAsync(name, ct);
    }

    [Fact]
    public async Task A_domain_the_portal_did_not_define_is_found_without_hardware()
    {
        // test:///default starts with a domain "test": i686, no portal metadata, so no disk sizes.
        var found = await driver.FindAsync("test", TestContext.Current.CancellationToken);

        Assert.Equal(("test", (HardwareConfiguration?)null, (string?)null), (found?.Name, found?.Hardware, found?.IdempotencyKey));
    }

    [Fact]
    public async Task An_unknown_connection_uri_fails_with_libvirts_message()
    {
        using var broken = new LibvirtDriver(new LibvirtOptions { Uri = "nosuchdriver:///system" });

        var error = await Assert.ThrowsAsync<LibvirtException>(() => broken.FindAsync("x", TestContext.Current.CancellationToken));

        Assert.StartsWith("libvirt could not connect to nosuchdriver:///system: ", error.Message);
    }
}
