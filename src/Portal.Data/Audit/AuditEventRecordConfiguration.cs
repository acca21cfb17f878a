using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

namespace Portal.Data.Audit;

/// <summary>
/// The audit table. Its migrations add a trigger on every provider that refuses UPDATE and DELETE (see
/// <see cref="AppendOnlyTrigger"/>); EF is told about it so SQL Server does not use an OUTPUT clause, which a table
/// with triggers refuses.
/// </summary>
public sealed class AuditEventRecordConfiguration : IEntityTypeConfiguration<AuditEventRecord>
{
    public const string Table = "AuditEvents";

    /// <summary>The trigger (on PostgreSQL: also its function) that makes the table append-only in the database itself.</summary>
    public const string AppendOnlyTrigger = "audit_events_append_only";

    public void Configure(EntityTypeBuilder<AuditEventRecord> builder)
    {
        builder.ToTable(Table, table => table.HasTrigger(AppendOnlyTrigger));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ActorUserId).HasMaxLength(AuditEvent.IdLength);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEvent.NameLength);
        builder.Property(e => e.ActorDisplayName).HasMaxLength(AuditEvent.NameLength);
        builder.Property(e => e.ActorAddress).HasMaxLength(AuditEvent.AddressLength);
        builder.Property(e => e.ActorUserAgent).HasMaxLength(AuditEvent.UserAgentLength);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.TargetType).HasMaxLength(32);
        builder.Property(e => e.TargetId).HasMaxLength(AuditEvent.IdLength);
        builder.Property(e => e.TargetName).HasMaxLength(AuditEvent.NameLength);
        builder.Property(e => e.Detail).HasMaxLength(AuditEvent.DetailLength);

        // Newest first, by period, by action and by person: the filters of the audit page.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => e.ActorName);
    }
}
