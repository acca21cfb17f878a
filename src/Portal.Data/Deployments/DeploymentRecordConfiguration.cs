using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Deployments;

internal sealed class DeploymentRecordConfiguration : IEntityTypeConfiguration<DeploymentRecord>
{
    public void Configure(EntityTypeBuilder<DeploymentRecord> deployment)
    {
        deployment.ToTable("Deployments");
        deployment.HasKey(d => d.Id);
        deployment.Property(d => d.RequestedBy).HasMaxLength(256).IsRequired();
        deployment.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        deployment.Property(d => d.WorkflowInstanceId).HasMaxLength(64);
        deployment.Property(d => d.Document).IsRequired();
        deployment.Property(d => d.Revision).IsConcurrencyToken();
        deployment.HasIndex(d => new { d.RequestedBy, d.CreatedAt });
        deployment.HasIndex(d => d.RequestId);
    }
}
