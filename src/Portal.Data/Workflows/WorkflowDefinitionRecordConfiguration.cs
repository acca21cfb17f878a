using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Workflows;

internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> definition)
    {
        definition.ToTable("WorkflowDefinitions");
        // The key makes two concurrent publishes of the same next version impossible: one of them fails.
        definition.HasKey(d => new { d.DefinitionId, d.Version });
        definition.Property(d => d.DefinitionId).HasMaxLength(Portal.Workflows.Persistence.WorkflowDefinitionLimits.IdLength);
        definition.Property(d => d.Name).HasMaxLength(Portal.Workflows.Persistence.WorkflowDefinitionLimits.NameLength).IsRequired();
        definition.Property(d => d.Json).IsRequired();
        definition.Property(d => d.SavedBy).HasMaxLength(256);
        definition.Property(d => d.Comment).HasMaxLength(Portal.Workflows.Persistence.WorkflowDefinitionLimits.CommentLength);
    }
}
