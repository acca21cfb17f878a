using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Identity;
using Portal.Domain.Tokens;

namespace Portal.Data.Tokens;

internal sealed class AccessTokenRecordConfiguration : IEntityTypeConfiguration<AccessTokenRecord>
{
    public void Configure(EntityTypeBuilder<AccessTokenRecord> token)
    {
        token.ToTable("AccessTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).HasMaxLength(AccessTokenSecret.IdLength);
        token.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        token.Property(t => t.Name).HasMaxLength(AccessTokenLifetime.NameLength).IsRequired();
        token.Property(t => t.SecretHash).HasMaxLength(32).IsRequired();

        // A deleted account takes its tokens with it: none can outlive the person it speaks for.
        token.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => new { t.UserId, t.CreatedAt });
    }
}
