using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Drivers;

namespace Portal.Data.Deployments;

internal sealed class WriterSessionRecordConfiguration : IEntityTypeConfiguration<WriterSessionRecord>
{
    public void Configure(EntityTypeBuilder<WriterSessionRecord> session)
    {
        session.ToTable("WriterSessions");
        session.HasKey(s => s.DeploymentId);
        session.Property(s => s.WriteKey).HasMaxLength(DriverKeyRowConfiguration.KeyLength).IsRequired();
        session.Property(s => s.CallbackMessage).HasMaxLength(2000);
        session.Property(s => s.CallbackDiskLocation).HasMaxLength(1000);
        session.Property(s => s.Revision).IsConcurrencyToken();
    }
}
