using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Notifications;

public sealed class NotificationRecordConfiguration : IEntityTypeConfiguration<NotificationRecord>
{
    public const int RecipientLength = 256;
    public const int TitleLength = 200;
    public const int MessageLength = 2000;
    public const int LinkLength = 500;
    public const int KeyLength = 200;

    public void Configure(EntityTypeBuilder<NotificationRecord> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedOnAdd();
        builder.Property(n => n.Recipient).HasMaxLength(RecipientLength);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Title).HasMaxLength(TitleLength);
        builder.Property(n => n.Message).HasMaxLength(MessageLength);
        builder.Property(n => n.Link).HasMaxLength(LinkLength);
        builder.Property(n => n.Key).HasMaxLength(KeyLength);

        // The database decides that an event reaches a person once, however often the step that sends it runs
        // (rows without a key are never duplicates: NULLs are distinct, and EF filters the index on SQL Server).
        builder.HasIndex(n => new { n.Recipient, n.Kind, n.Key }).IsUnique();

        // The bell: a person's unread ones, newest first.
        builder.HasIndex(n => new { n.Recipient, n.ReadAt, n.CreatedAt });
    }
}
