using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Simulation;

internal sealed class SimulatedMachineRecordConfiguration : IEntityTypeConfiguration<SimulatedMachineRecord>
{
    public void Configure(EntityTypeBuilder<SimulatedMachineRecord> machine)
    {
        machine.ToTable("SimulatedMachines");
        machine.HasKey(m => m.Name);
        machine.Property(m => m.Name).HasMaxLength(200);
        machine.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        machine.Property(m => m.Host).HasMaxLength(200);
        machine.Property(m => m.DiskLocation).HasMaxLength(1000).IsRequired();
        machine.Property(m => m.DiskFormat).HasConversion<string>().HasMaxLength(20);
        machine.Property(m => m.WrittenSha256).HasMaxLength(64);
        machine.Property(m => m.LastPowerAction).HasConversion<string>().HasMaxLength(20);
        machine.Property(m => m.UpdatedBy).HasMaxLength(200).IsRequired();
        machine.Property(m => m.Revision).IsConcurrencyToken();
    }
}
