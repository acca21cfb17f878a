using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Drivers;

internal sealed class DriverKeyRowConfiguration : IEntityTypeConfiguration<DriverKeyRow>
{
    public const int KeyLength = 400;

    public void Configure(EntityTypeBuilder<DriverKeyRow> key)
    {
        key.ToTable("DriverKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Driver).HasMaxLength(40).IsRequired();
        key.Property(k => k.Step).HasMaxLength(60).IsRequired();
        key.Property(k => k.Key).HasMaxLength(KeyLength).IsRequired();
        key.Property(k => k.Machine).HasMaxLength(500).IsRequired();
        key.Property(k => k.State).HasConversion<string>().HasMaxLength(10);
        key.Property(k => k.Detail).HasMaxLength(2000);
        key.Property(k => k.Node).HasMaxLength(200).IsRequired();
        key.Property(k => k.Owner).HasMaxLength(250);
        // The unique key is what makes "one acts, the other gets its result" hold across nodes.
        key.HasIndex(k => new { k.Driver, k.Step, k.Key }).IsUnique();
        key.HasIndex(k => new { k.Driver, k.Machine });
    }
}
