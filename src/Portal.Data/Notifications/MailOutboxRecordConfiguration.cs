using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Notifications;

public sealed class MailOutboxRecordConfiguration : IEntityTypeConfiguration<MailOutboxRecord>
{
    public const int ErrorLength = 1000;

    public void Configure(EntityTypeBuilder<MailOutboxRecord> builder)
    {
        builder.ToTable("MailOutbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.ToAddress).HasMaxLength(NotificationRecordConfiguration.RecipientLength);
        builder.Property(m => m.Subject).HasMaxLength(NotificationRecordConfiguration.TitleLength);
        builder.Property(m => m.Body).HasMaxLength(NotificationRecordConfiguration.MessageLength + NotificationRecordConfiguration.LinkLength + 100);
        builder.Property(m => m.LastError).HasMaxLength(ErrorLength);
        builder.HasOne(m => m.Notification).WithMany().HasForeignKey(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);

        // The sender's query: what is due, oldest first.
        builder.HasIndex(m => m.NextAttemptAt);
    }
}
