using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// API tokens: 256 random bits shown once as <c>cst_…</c>, stored as their SHA-256. A fast hash is the right one here:
/// the secret is random, not a password, so there is nothing to brute-force that a slow hash would protect, and the
/// lookup stays one indexed read per request.
/// </summary>
public sealed class TokenStore(ServerDatabase database, TimeProvider time)
{
    public const string Prefix = "cst_";
    public const int DefaultDays = 90;

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The valid token with this secret (not revoked, not expired), or null.</summary>
    /// <param name="secret">The bearer secret.</param>
    /// <param name="cancellation">Cancels the lookup.</param>
    public async Task<TokenView?> FindAsync(string secret, CancellationToken cancellation)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = HashOf(secret);
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<TokenRow>(
            "SELECT id, name, scope, person_id, created_at, created_by, expires_at, revoked_at FROM tokens WHERE hash = @hash", new { hash }), cancellation);
        var view = row?.View();
        return view is null || view.RevokedAt is not null || (view.ExpiresAt is { } expires && expires <= time.GetUtcNow()) ? null : view;
    }

    /// <summary>Whether the token with this id is neither revoked nor expired.</summary>
    /// <param name="id">The token id.</param>
    /// <param name="cancellation">Cancels the lookup.</param>
    public async Task<bool> IsActiveAsync(string id, CancellationToken cancellation)
    {
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<(string? ExpiresAt, string? RevokedAt)>(
            "SELECT expires_at, revoked_at FROM tokens WHERE id = @id", new { id }), cancellation);
        return row.RevokedAt is null && row.ExpiresAt is { } expires && Db.ParseTime(expires) > time.GetUtcNow();
    }

    /// <summary>Creates a token and returns its secret (the only time it exists outside the caller).</summary>
    /// <param name="request">Name, scope, person and lifetime.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="person">For reviewer tokens: the person (checked in the directory by the caller).</param>
    /// <param name="secret">A given secret (bootstrap), or null for a random one.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<CreatedToken> CreateAsync(TokenRequest request, string actor, string? person, string? secret, CancellationToken cancellation) =>
        await database.WriteAsync(scope => InsertAsync(scope, request, actor, person, secret ?? NewSecret()), time.GetUtcNow(), cancellation);

    public async Task<IReadOnlyList<TokenView>> ListAsync(CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<TokenRow>(
            "SELECT id, name, scope, person_id, created_at, created_by, expires_at, revoked_at FROM tokens ORDER BY created_at, id"), cancellation))
        .Select(r => r.View()).ToList();

    /// <summary>Revokes a token; false when there is no such token.</summary>
    /// <param name="id">The token id.</param>
    /// <param name="actor">Who revokes it.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<bool> RevokeAsync(string id, string actor, CancellationToken cancellation) =>
        await database.WriteAsync(async scope =>
        {
            var updated = await scope.Connection.ExecuteAsync(
                "UPDATE tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = Db.Time(scope.Now) }, scope.Transaction);
            if (updated > 0)
            {
                await scope.AuditAsync("token.revoked", actor, new JsonObject { ["token"] = id });
            }

            return updated > 0;
        }, time.GetUtcNow(), cancellation);

    /// <summary>
    /// Makes sure <paramref name="secret"/> is a valid admin token (idempotent), for automation that provisions the
    /// first admin token from a secret store.
    /// </summary>
    /// <param name="secret">The admin secret.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task EnsureAdminAsync(string secret, CancellationToken cancellation)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length < Prefix.Length + 32)
        {
            throw new InvalidOperationException($"the bootstrap admin token must start with '{Prefix}' and carry at least 32 more characters");
        }

        // Checked and inserted under the write lock: replicas starting together with the same secret create it once.
        await database.WriteAsync(async scope =>
        {
            var exists = await scope.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM tokens WHERE hash = @hash", new { hash = HashOf(secret) }, scope.Transaction);
            return exists > 0 ? null : await InsertAsync(scope, new TokenRequest("bootstrap admin", TokenScopes.Admin, null, 366), "system", null, secret);
        }, time.GetUtcNow(), cancellation);
    }

    /// <summary>Creates the first admin token when there is no token at all (once, whichever replica gets there first).</summary>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<CreatedToken?> CreateFirstAdminAsync(CancellationToken cancellation) =>
        await database.WriteAsync(async scope =>
            await scope.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM tokens", transaction: scope.Transaction) > 0
                ? null
                : await InsertAsync(scope, new TokenRequest("first admin", TokenScopes.Admin, null, 30), "system", null, NewSecret()),
            time.GetUtcNow(), cancellation);

    private static async Task<CreatedToken> InsertAsync(WriteScope scope, TokenRequest request, string actor, string? person, string secret)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var expires = scope.Now.AddDays(request.ExpiresInDays ?? DefaultDays);
        await scope.Connection.ExecuteAsync(
            "INSERT INTO tokens (id, name, scope, person_id, hash, created_at, created_by, expires_at) VALUES (@id, @name, @scope, @person, @hash, @now, @actor, @expires)",
            new { id, name = request.Name, scope = request.Scope, person, hash = HashOf(secret), now = Db.Time(scope.Now), actor, expires = Db.Time(expires) },
            scope.Transaction);
        await scope.AuditAsync("token.created", actor, new JsonObject
        {
            ["token"] = id,
            ["name"] = request.Name,
            ["scope"] = request.Scope,
            ["person"] = person,
            ["expiresAt"] = Db.Time(expires),
        });
        return new CreatedToken(new TokenView(id, request.Name, request.Scope, person, scope.Now, actor, expires, null), secret);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class TokenRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string Scope { get; set; } = "";

        public string? PersonId { get; set; }

        public string CreatedAt { get; set; } = "";

        public string CreatedBy { get; set; } = "";

        public string? ExpiresAt { get; set; }

        public string? RevokedAt { get; set; }

        public TokenView View() => new(Id, Name, Scope, PersonId, Db.ParseTime(CreatedAt), CreatedBy,
            ExpiresAt is null ? null : Db.ParseTime(ExpiresAt), RevokedAt is null ? null : Db.ParseTime(RevokedAt));
    }
}
