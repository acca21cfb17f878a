using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Approvals;

internal sealed class TaskDecisionRecordConfiguration : IEntityTypeConfiguration<TaskDecisionRecord>
{
    public void Configure(EntityTypeBuilder<TaskDecisionRecord> decision)
    {
        decision.ToTable("TaskDecisions");
        decision.HasKey(d => d.Slot);
        decision.Property(d => d.Slot).HasMaxLength(400);
        decision.Property(d => d.TaskId).HasMaxLength(64).IsRequired();
        decision.Property(d => d.InstanceId).HasMaxLength(64).IsRequired();
        decision.Property(d => d.Task).HasMaxLength(500).IsRequired();
        decision.Property(d => d.User).HasMaxLength(256).IsRequired();
        decision.Property(d => d.Roles).HasMaxLength(500).IsRequired();
        decision.Property(d => d.Outcome).HasMaxLength(100).IsRequired();
        decision.Property(d => d.Comment).HasMaxLength(2000);
        decision.HasIndex(d => d.TaskId);
        decision.HasIndex(d => d.RequestId);
        decision.HasIndex(d => new { d.AppliedAt, d.DecidedAt });
    }
}
