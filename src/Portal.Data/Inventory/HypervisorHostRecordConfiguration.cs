using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Inventory;

internal sealed class HypervisorHostRecordConfiguration : IEntityTypeConfiguration<HypervisorHostRecord>
{
    public void Configure(EntityTypeBuilder<HypervisorHostRecord> host)
    {
        host.ToTable("HypervisorHosts");
        host.HasKey(h => h.Id);
        host.Property(h => h.Name).HasMaxLength(200).IsRequired();
        host.Property(h => h.Hypervisor).HasConversion<string>().HasMaxLength(30);
        host.Property(h => h.Document).IsRequired();
        host.HasIndex(h => h.Name).IsUnique();
    }
}
