using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Drivers;

namespace Portal.Data.Simulation;

internal sealed class SimulatedOperationRecordConfiguration : IEntityTypeConfiguration<SimulatedOperationRecord>
{
    public void Configure(EntityTypeBuilder<SimulatedOperationRecord> operation)
    {
        operation.ToTable("SimulatedOperations");
        operation.HasKey(o => o.Id);
        operation.Property(o => o.Id).ValueGeneratedOnAdd();
        operation.Property(o => o.Step).HasMaxLength(60).IsRequired();
        operation.Property(o => o.Machine).HasMaxLength(500).IsRequired();
        operation.Property(o => o.Key).HasMaxLength(DriverKeyRowConfiguration.KeyLength);
        operation.Property(o => o.Detail).HasMaxLength(2000).IsRequired();
        operation.Property(o => o.Node).HasMaxLength(200).IsRequired();
        operation.HasIndex(o => o.Machine);
    }
}
