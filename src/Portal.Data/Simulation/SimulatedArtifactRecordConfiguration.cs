using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Simulation;

internal sealed class SimulatedArtifactRecordConfiguration : IEntityTypeConfiguration<SimulatedArtifactRecord>
{
    public void Configure(EntityTypeBuilder<SimulatedArtifactRecord> artifact)
    {
        artifact.ToTable("SimulatedArtifacts");
        artifact.HasKey(a => a.Id);
        artifact.Property(a => a.Location).HasMaxLength(1000).IsRequired();
        artifact.Property(a => a.Format).HasConversion<string>().HasMaxLength(20);
        artifact.Property(a => a.Sha256).HasMaxLength(64);
        artifact.HasIndex(a => a.ImageId);
    }
}
