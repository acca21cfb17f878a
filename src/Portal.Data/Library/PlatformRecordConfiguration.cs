using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Library;

internal sealed class PlatformRecordConfiguration : IEntityTypeConfiguration<PlatformRecord>
{
    public void Configure(EntityTypeBuilder<PlatformRecord> platform)
    {
        platform.ToTable("Platforms");
        platform.HasKey(p => p.Id);
        platform.Property(p => p.Name).HasMaxLength(200).IsRequired();
        platform.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        platform.Property(p => p.Technology).HasConversion<string>().HasMaxLength(30);
        platform.Property(p => p.Document).IsRequired();
        platform.Property(p => p.Revision).IsConcurrencyToken();
        platform.HasIndex(p => p.Name).IsUnique();
    }
}
