using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Web.Library;
using Portal.Web.Provisioning;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Tests.Provisioning;

public sealed class HostFormTests
{
    private static readonly HypervisorHost Kvm = InventoryDemoData.Hosts.Single(h => h.Name == "kvm-fra-03");
    private static readonly Platform VSphere = LibraryDemoData.Platforms.Single(p => p.Name == "vSphere cluster Paris");

    [Fact]
    public void Only_virtual_clusters_are_offered()
    {
        var form = new HostForm(LibraryDemoData.Platforms);

        Assert.All(form.Clusters, c => Assert.Equal(PlatformKind.Virtual, c.Kind));
        Assert.Equal(4, form.Clusters.Count);
    }

    [Fact]
    public void An_edited_host_fills_every_field_with_memory_in_gib()
    {
        var form = HostForm.For(Kvm, LibraryDemoData.Platforms);

        Assert.Equal((Kvm.Id, "kvm-fra-03", Kvm.PlatformId, "qemu+ssh://kvm-fra-03/system"), (form.Id!.Value, form.Name, form.PlatformId!.Value, form.Connection));
        Assert.Equal((48, 4m, 768L, 12000L), (form.PhysicalCpus, form.OvercommitRatio, form.MemoryGiB, form.StorageGiB));
        Assert.Equal([DiskFormat.Qcow2, DiskFormat.Raw], form.AcceptedFormats);
    }

    [Fact]
    public void The_vcpu_help_says_what_cpus_and_ratio_come_to()
    {
        var form = HostForm.For(Kvm, LibraryDemoData.Platforms);
        form.OvercommitRatio = 2.5m;

        Assert.StartsWith("120 vCPUs", form.VcpuHelp, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_cluster_for_a_new_host_takes_the_clusters_disk_formats_and_names_its_hypervisor()
    {
        var form = new HostForm(LibraryDemoData.Platforms);

        form.ChangePlatform(VSphere.Id);

        Assert.Equal([DiskFormat.Vmdk], form.AcceptedFormats);
        Assert.Contains("vSphere", form.ClusterHelp, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_an_edited_host_to_another_cluster_keeps_the_formats_it_was_given()
    {
        var form = HostForm.For(Kvm, LibraryDemoData.Platforms);

        form.ChangePlatform(VSphere.Id);

        Assert.Equal([DiskFormat.Qcow2, DiskFormat.Raw], form.AcceptedFormats);
    }

    [Fact]
    public void The_input_carries_every_field_as_the_api_takes_it()
    {
        var form = new HostForm(LibraryDemoData.Platforms)
        {
            Name = "esx-par-03",
            Connection = "https://vcenter.paris.lab/sdk",
            PhysicalCpus = 40,
            OvercommitRatio = 3,
            MemoryGiB = 768,
            StorageGiB = 10000,
            Architecture = CpuArchitecture.Aarch64,
        };
        form.ChangePlatform(VSphere.Id);

        var input = form.ToInput();

        Assert.Equal(("esx-par-03", VSphere.Id, "https://vcenter.paris.lab/sdk", 40, 3m, 768L, 10000L, CpuArchitecture.Aarch64),
            (input.Name, input.PlatformId, input.Connection, input.PhysicalCpus, input.OvercommitRatio, input.MemoryGiB, input.StorageGiB, input.Architecture));
        Assert.Equal([DiskFormat.Vmdk], input.AcceptedFormats);
    }

    [Fact]
    public void A_refusals_errors_go_to_their_fields_and_the_rest_above_them()
    {
        var form = new HostForm(LibraryDemoData.Platforms);

        form.Errors.Refused([
            new ValidationError("capacity.memoryMiB", "A host has memory."),
            new ValidationError("connection", "A host needs a connection."),
            new ValidationError("allocated", "kvm-fra-01 still runs 4 vCPU of deployments."),
        ]);

        Assert.Equal("A host has memory.", form.Errors.For(HostForm.MemoryKey));
        Assert.True(form.Errors.Has(HostForm.ConnectionKey));
        Assert.False(form.Errors.Has(HostForm.NameKey));
        Assert.Equal(["kvm-fra-01 still runs 4 vCPU of deployments."], form.OtherErrors);
    }
}
