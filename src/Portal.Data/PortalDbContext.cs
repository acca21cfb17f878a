using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Audit;
using Portal.Data.Identity;
using Portal.Data.Library;

namespace Portal.Data;

/// <summary>
/// The one EF Core model of the portal. Each database provider has a subclass (see Providers/) only so
/// that each keeps its own migrations; the model itself is defined here, once.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>Data-protection keys live in the database so every portal node can read every cookie.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ImageRecord> Images => Set<ImageRecord>();

    public DbSet<PlatformRecord> Platforms => Set<PlatformRecord>();

    public DbSet<Workflows.WorkflowDefinitionRecord> WorkflowDefinitions => Set<Workflows.WorkflowDefinitionRecord>();

    public DbSet<Workflows.WorkflowInstanceRecord> WorkflowInstances => Set<Workflows.WorkflowInstanceRecord>();

    public DbSet<Workflows.WorkItemRecord> WorkItems => Set<Workflows.WorkItemRecord>();

    public DbSet<Workflows.BookmarkIndexRecord> WorkflowBookmarks => Set<Workflows.BookmarkIndexRecord>();

    /// <summary>The append-only audit log (<see cref="EfAuditLog"/> writes it, <see cref="AuditReader"/> reads it).</summary>
    public DbSet<AuditEventRecord> AuditEvents => Set<AuditEventRecord>();

    /// <summary>The bell's notifications and the e-mail outbox (see <see cref="Notifications.NotificationStore"/>).</summary>
    public DbSet<Notifications.NotificationRecord> Notifications => Set<Notifications.NotificationRecord>();

    public DbSet<Notifications.MailOutboxRecord> MailOutbox => Set<Notifications.MailOutboxRecord>();

    /// <summary>Personal access tokens, their secrets hashed (<see cref="Tokens.AccessTokenStore"/>).</summary>
    public DbSet<Tokens.AccessTokenRecord> AccessTokens => Set<Tokens.AccessTokenRecord>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AppendOnlyAudit.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AppendOnlyAudit.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });
        builder.Entity<IdentityRole>().HasData(RoleSeed.Roles);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
