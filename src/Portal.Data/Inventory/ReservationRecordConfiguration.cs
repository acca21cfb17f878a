using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Inventory;

internal sealed class ReservationRecordConfiguration : IEntityTypeConfiguration<ReservationRecord>
{
    public void Configure(EntityTypeBuilder<ReservationRecord> reservation)
    {
        reservation.ToTable("Reservations");
        reservation.HasKey(r => r.Id);
        reservation.Property(r => r.Key).HasMaxLength(300).IsRequired();
        reservation.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        // A re-delivered allocation finds its reservation by key; two inserts with one key cannot both win.
        reservation.HasIndex(r => r.Key).IsUnique();
        reservation.HasIndex(r => r.ExpiresAt);
        reservation.HasIndex(r => r.DeploymentId);
    }
}
