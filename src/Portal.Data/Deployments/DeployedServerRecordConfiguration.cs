using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Deployments;

internal sealed class DeployedServerRecordConfiguration : IEntityTypeConfiguration<DeployedServerRecord>
{
    public void Configure(EntityTypeBuilder<DeployedServerRecord> server)
    {
        server.ToTable("Servers");
        server.HasKey(s => s.Id);
        server.Property(s => s.Name).HasMaxLength(200).IsRequired();
        server.Property(s => s.Owner).HasMaxLength(256).IsRequired();
        server.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        server.Property(s => s.Document).IsRequired();
        server.HasIndex(s => s.Owner);
        server.HasIndex(s => s.DeploymentId).IsUnique();
    }
}
