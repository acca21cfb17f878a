using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Inventory;

internal sealed class AddressLeaseRecordConfiguration : IEntityTypeConfiguration<AddressLeaseRecord>
{
    public void Configure(EntityTypeBuilder<AddressLeaseRecord> lease)
    {
        lease.ToTable("AddressLeases");
        lease.HasKey(l => l.Address);
        lease.Property(l => l.Address).HasMaxLength(45);
        lease.Property(l => l.Subnet).HasMaxLength(50).IsRequired();
        lease.HasIndex(l => l.ServerId).IsUnique();
        lease.HasIndex(l => new { l.Subnet, l.Offset }).IsUnique();
    }
}
