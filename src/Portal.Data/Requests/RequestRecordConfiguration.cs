using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Requests;

internal sealed class RequestRecordConfiguration : IEntityTypeConfiguration<RequestRecord>
{
    public void Configure(EntityTypeBuilder<RequestRecord> request)
    {
        request.ToTable("Requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.RequestedBy).HasMaxLength(256).IsRequired();
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.SearchText).HasMaxLength(4000).IsRequired();
        request.Property(r => r.Document).IsRequired();
        request.Property(r => r.Revision).IsConcurrencyToken();
        request.HasIndex(r => new { r.RequestedBy, r.CreatedAt });
        request.HasIndex(r => new { r.Status, r.CreatedAt });
        request.HasIndex(r => r.CreatedAt);
    }
}
