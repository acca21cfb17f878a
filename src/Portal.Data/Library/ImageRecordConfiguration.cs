using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Library;

/// <summary>The Images table. Enums are stored as their names, readable in any SQL client.</summary>
internal sealed class ImageRecordConfiguration : IEntityTypeConfiguration<ImageRecord>
{
    public void Configure(EntityTypeBuilder<ImageRecord> image)
    {
        image.ToTable("Images");
        image.HasKey(i => i.Id);
        image.Property(i => i.Name).HasMaxLength(200).IsRequired();
        image.Property(i => i.Version).HasMaxLength(50).IsRequired();
        image.Property(i => i.Owner).HasMaxLength(256).IsRequired();
        image.Property(i => i.Lifecycle).HasConversion<string>().HasMaxLength(20);
        image.Property(i => i.OsFamily).HasConversion<string>().HasMaxLength(20);
        image.Property(i => i.OsLabel).HasMaxLength(200);
        image.Property(i => i.Architecture).HasConversion<string>().HasMaxLength(20);
        image.Property(i => i.CapturedFrom).HasConversion<string>().HasMaxLength(20);
        image.Property(i => i.SourceTechnology).HasConversion<string>().HasMaxLength(30);
        image.Property(i => i.Tags).HasMaxLength(1000);
        image.Property(i => i.HardwareSummary).HasMaxLength(200);
        image.Property(i => i.Document).IsRequired();
        image.Property(i => i.Revision).IsConcurrencyToken();
        image.HasIndex(i => new { i.Name, i.Version }).IsUnique();
        image.HasIndex(i => i.Lifecycle);
    }
}
