using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Inventory;

internal sealed class PhysicalServerRecordConfiguration : IEntityTypeConfiguration<PhysicalServerRecord>
{
    public void Configure(EntityTypeBuilder<PhysicalServerRecord> server)
    {
        server.ToTable("PhysicalServers");
        server.HasKey(s => s.Id);
        server.Property(s => s.Name).HasMaxLength(200).IsRequired();
        server.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        server.Property(s => s.StateReason).HasMaxLength(1000);
        server.Property(s => s.Document).IsRequired();
        server.Property(s => s.ProtectedBmcPassword).IsRequired();
        server.Property(s => s.Revision).IsConcurrencyToken();
        server.HasIndex(s => s.Name).IsUnique();
        server.HasIndex(s => new { s.State, s.PlatformId });
    }
}
