using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Deployments;

internal sealed class HostnameClaimRecordConfiguration : IEntityTypeConfiguration<HostnameClaimRecord>
{
    public void Configure(EntityTypeBuilder<HostnameClaimRecord> claim)
    {
        claim.ToTable("HostnameClaims");
        claim.HasKey(c => c.Hostname);
        claim.Property(c => c.Hostname).HasMaxLength(253);
        claim.HasIndex(c => c.DeploymentId);
    }
}
