using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Drivers;

namespace Portal.Data.Simulation;

internal sealed class SimulatedWriterRecordConfiguration : IEntityTypeConfiguration<SimulatedWriterRecord>
{
    public void Configure(EntityTypeBuilder<SimulatedWriterRecord> writer)
    {
        writer.ToTable("SimulatedWriters");
        writer.HasKey(w => w.Id);
        writer.Property(w => w.Machine).HasMaxLength(200).IsRequired();
        writer.Property(w => w.Key).HasMaxLength(DriverKeyRowConfiguration.KeyLength).IsRequired();
        writer.Property(w => w.ArtifactSha256).HasMaxLength(64);
        writer.Property(w => w.DiskLocation).HasMaxLength(1000).IsRequired();
        writer.Property(w => w.Fault).HasConversion<string>().HasMaxLength(20);
        writer.Property(w => w.State).HasConversion<string>().HasMaxLength(20);
        writer.Property(w => w.BootedBy).HasMaxLength(200).IsRequired();
        writer.Property(w => w.ClaimedBy).HasMaxLength(200);
        writer.Property(w => w.Message).HasMaxLength(2000);
        writer.Property(w => w.LastAnswer).HasMaxLength(2000);
        writer.Property(w => w.Revision).IsConcurrencyToken();
        writer.HasIndex(w => new { w.State, w.DueAt });
        writer.HasIndex(w => w.DeploymentId);
    }
}
