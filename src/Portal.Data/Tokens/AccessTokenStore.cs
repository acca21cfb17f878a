using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Tokens;
using Portal.Domain.Validation;

namespace Portal.Data.Tokens;

/// <summary>
/// Personal access tokens in the portal database: created (audited, the token returned once), listed, revoked
/// (audited), and checked for the authentication handler. Scoped, like the audit log it shares a context with.
/// </summary>
public sealed class AccessTokenStore(PortalDbContext db, IAuditLog audit, TimeProvider clock)
{
    /// <summary>How stale <see cref="AccessTokenRecord.LastUsedAt"/> may get: a busy script writes once a minute, not per call.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // Compared against when the presented id is unknown, so an unknown token costs the same hash and compare as a
    // known one with a wrong secret.
    private static readonly byte[] NoHash = new byte[32];

    public async Task<ValidationResult<CreatedAccessToken>> CreateAsync(
        string userId, string? name, int expiresInDays, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        var errors = new List<ValidationError>();
        if (trimmed.Length == 0)
        {
            errors.Add(new ValidationError("name", "Name the token after what will use it (a script, a pipeline)."));
        }
        else if (trimmed.Length > AccessTokenLifetime.NameLength)
        {
            errors.Add(new ValidationError("name", $"Keep the name to {AccessTokenLifetime.NameLength} characters."));
        }

        if (expiresInDays is < 1 or > AccessTokenLifetime.MaxDays)
        {
            errors.Add(new ValidationError("expiresInDays",
                $"A token lives from 1 to {AccessTokenLifetime.MaxDays} days; every token expires."));
        }

        if (errors.Count > 0)
        {
            return ValidationResult<CreatedAccessToken>.Failure(errors);
        }

        var now = clock.GetUtcNow();
        return ValidationResult<CreatedAccessToken>.Success(
            await AddAsync(userId, trimmed, now, now.AddDays(expiresInDays), cancellationToken));
    }

    /// <summary>
    /// Stores a token with the given times, unchecked: for <see cref="CreateAsync"/> and for tests that need a token
    /// that has already expired.
    /// </summary>
    public async Task<CreatedAccessToken> AddAsync(
        string userId, string name, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var secret = AccessTokenSecret.New();
        var record = new AccessTokenRecord
        {
            Id = secret.Id,
            UserId = userId,
            Name = name,
            SecretHash = secret.Hash,
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
        };
        await audit.RecordWithAsync(AuditEntry.TokenCreated(record.Id, record.Name, record.ExpiresAt), async () =>
        {
            db.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, saved => saved, cancellationToken);
        db.Entry(record).State = EntityState.Detached;
        return new CreatedAccessToken(Summarize(record), secret.Text);
    }

    /// <summary>The user's tokens, newest first, revoked and expired ones included (their status says so).</summary>
    public async Task<IReadOnlyList<AccessTokenSummary>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var records = await db.Set<AccessTokenRecord>().AsNoTracking()
            .Where(t => t.UserId == userId)
            .ToListAsync(cancellationToken);
        return [.. records.OrderByDescending(t => t.CreatedAt).Select(Summarize)];
    }

    /// <summary>
    /// Revokes a token of <paramref name="ownerId"/>'s (any user's when it is null: an admin's revocation). One
    /// conditional update, so two revocations at once record one audit entry between them.
    /// </summary>
    public async Task<AccessTokenRevocation> RevokeAsync(string tokenId, string? ownerId, CancellationToken cancellationToken)
    {
        var tokens = db.Set<AccessTokenRecord>().Where(t => t.Id == tokenId && (ownerId == null || t.UserId == ownerId));
        var token = await tokens.AsNoTracking().Select(t => new { t.Name, t.RevokedAt }).SingleOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return AccessTokenRevocation.NotFound;
        }

        if (token.RevokedAt is not null)
        {
            return AccessTokenRevocation.AlreadyRevoked;
        }

        var now = clock.GetUtcNow();
        var revoked = await audit.RecordWithAsync(AuditEntry.TokenRevoked(tokenId, token.Name),
            () => tokens.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken),
            rows => rows == 1, cancellationToken);
        return revoked == 1 ? AccessTokenRevocation.Revoked : AccessTokenRevocation.AlreadyRevoked;
    }

    /// <summary>
    /// The owner of <paramref name="presented"/> if it is a token of ours, not revoked and not expired; else null.
    /// Whether the id exists or the secret is wrong takes the same work and gives the same answer.
    /// </summary>
    public async Task<AccessTokenOwner?> FindValidAsync(AccessTokenSecret presented, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = await db.Set<AccessTokenRecord>().AsNoTracking()
            .Where(t => t.Id == presented.Id && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.UserId, t.SecretHash, t.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        var matches = presented.Matches(token?.SecretHash ?? NoHash);
        return token is not null && matches ? new AccessTokenOwner(token.Id, token.UserId, token.LastUsedAt) : null;
    }

    /// <summary>Notes that the token authenticated a call now, at most once per <see cref="LastUsedResolution"/>.</summary>
    public async Task TouchAsync(AccessTokenOwner token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (token.LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        var stale = now - LastUsedResolution;
        await db.Set<AccessTokenRecord>()
            .Where(t => t.Id == token.TokenId && (t.LastUsedAt == null || t.LastUsedAt < stale))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancellationToken);
    }

    private static AccessTokenSummary Summarize(AccessTokenRecord t) => new(
        t.Id, AccessTokenSecret.PrefixOf(t.Id), t.Name, t.UserId, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
