using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Data;

namespace Countersign.Server.Evaluation;

/// <summary>
/// Evaluates changes on the server with the same core as the CLI: the policy bundle CI sent, compiled against the
/// server's directory (cached per directory version and bundle), the change's participants resolved again against that
/// directory, and the sign-offs from the database.
/// </summary>
public sealed class ServerEvaluator
{
    private const int MaxCached = 512;
    private readonly ConcurrentDictionary<string, CompiledPolicy> policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChangeFacts> facts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdentityResolver> resolvers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredPolicy> stored = new(StringComparer.Ordinal);
    // A reference, swapped whole: readers on other threads see one version's directory, never half of two.
    private OrgSnapshot org = new(-1, OrgDirectory.Empty);

    /// <summary>The directory at its current version, reloaded only when another writer (or replica) changed it.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The transaction to read in, if any.</param>
    /// <param name="knownVersion">The current version when the caller already read it (saves a round trip).</param>
    public async Task<(long Version, OrgDirectory Org)> OrgAsync(DbConnection connection, DbTransaction? transaction = null, long? knownVersion = null)
    {
        var version = knownVersion ?? await OrgStore.VersionAsync(connection, transaction);
        var cached = Volatile.Read(ref org);
        if (cached.Version == version)
        {
            return (cached.Version, cached.Org);
        }

        var loaded = new OrgSnapshot(version, await OrgStore.LoadAsync(connection, transaction));
        Volatile.Write(ref org, loaded);
        return (loaded.Version, loaded.Org);
    }

    /// <summary>Compiles <paramref name="bundle"/> against the directory, or says why it does not compile (file, line and column).</summary>
    /// <param name="bundle">The policy as CI read it.</param>
    /// <param name="directory">The directory and its version.</param>
    /// <param name="bundleKey">A hash already known for the bundle (the stored revision's), or null to compute one.</param>
    public Outcome<CompiledPolicy> Compile(PolicyBundle bundle, (long Version, OrgDirectory Org) directory, string? bundleKey = null)
    {
        var key = $"{directory.Version}:{bundleKey ?? Hash(bundle)}";
        if (policies.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var files = bundle.Files ?? new Dictionary<string, string>();
        var result = PolicyLoader.Load(bundle.Text, bundle.Source, directory.Org, relative =>
            files.TryGetValue(relative, out var text) ? (text, relative) : null);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.Policy is null)
        {
            return new Problem.Unprocessable(
                "Invalid policy",
                $"the policy does not compile against the server's directory: {errors.FirstOrDefault()?.ToString() ?? "no policy"}",
                "errors",
                errors.Select(e => e.ToString()).ToList());
        }

        Trim(policies);
        policies[key] = result.Policy;
        return result.Policy;
    }

    /// <summary>The facts with participants resolved by the server's directory, cached per revision and directory version.</summary>
    /// <param name="cacheKey">Identifies the stored revision (null: do not cache).</param>
    /// <param name="change">The facts as CI sent them.</param>
    /// <param name="directory">The directory and its version.</param>
    /// <param name="mailmap">The repository's .mailmap text, if CI sent one.</param>
    public ChangeFacts Rebind(string? cacheKey, ChangeFacts change, (long Version, OrgDirectory Org) directory, string? mailmap)
    {
        var key = cacheKey is null ? null : $"{directory.Version}:{cacheKey}";
        if (key is not null && facts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var resolver = Resolver(directory, mailmap);
        var rebound = ChangeFactsJson.Rebind(change, resolver);
        if (key is not null)
        {
            Trim(facts);
            facts[key] = rebound;
        }

        return rebound;
    }

    /// <summary>A stored revision's policy document, read and parsed once per content hash.</summary>
    /// <param name="policyHash">The revision's policy hash.</param>
    /// <param name="load">Reads it from the database on a miss.</param>
    internal async Task<StoredPolicy> StoredPolicyAsync(string policyHash, Func<Task<StoredPolicy>> load)
    {
        if (stored.TryGetValue(policyHash, out var cached))
        {
            return cached;
        }

        var loaded = await load();
        Trim(stored);
        stored[policyHash] = loaded;
        return loaded;
    }

    /// <summary><see cref="Rebind"/> for a stored revision: its facts are read and parsed only on a cache miss.</summary>
    /// <param name="cacheKey">Identifies the stored revision and its content.</param>
    /// <param name="load">Reads the facts from the database.</param>
    /// <param name="directory">The directory and its version.</param>
    /// <param name="mailmap">The repository's .mailmap text.</param>
    public async Task<ChangeFacts> RebindAsync(string cacheKey, Func<Task<ChangeFacts>> load, (long Version, OrgDirectory Org) directory, string? mailmap)
    {
        if (facts.TryGetValue($"{directory.Version}:{cacheKey}", out var cached))
        {
            return cached;
        }

        return Rebind(cacheKey, await load(), directory, mailmap);
    }

    public IdentityResolver Resolver((long Version, OrgDirectory Org) directory, string? mailmap)
    {
        var key = $"{directory.Version}:{(mailmap is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(mailmap))))}";
        if (resolvers.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var map = mailmap is null ? null : Mailmap.Parse(mailmap, ".mailmap").Mailmap;
        var resolver = new IdentityResolver(directory.Org, map);
        Trim(resolvers);
        resolvers[key] = resolver;
        return resolver;
    }

    /// <summary>What an evaluation of <paramref name="change"/> sees: the server's directory, the repository's .mailmap, the time.</summary>
    /// <param name="change">Rebound facts.</param>
    /// <param name="directory">The directory and its version.</param>
    /// <param name="mailmap">The repository's .mailmap text.</param>
    /// <param name="now">The evaluation time.</param>
    public EvaluationContext Context(ChangeFacts change, (long Version, OrgDirectory Org) directory, string? mailmap, DateTimeOffset now) =>
        new(change, directory.Org, Resolver(directory, mailmap), now);

    /// <summary>Evaluates the policy: exactly what <c>countersign check</c> computes for the same facts and sign-offs.</summary>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="change">Rebound facts.</param>
    /// <param name="directory">The directory and its version.</param>
    /// <param name="mailmap">The repository's .mailmap text.</param>
    /// <param name="signOffs">The change's sign-offs.</param>
    /// <param name="now">The evaluation time.</param>
    public PolicyResult Evaluate(CompiledPolicy policy, ChangeFacts change, (long Version, OrgDirectory Org) directory, string? mailmap, IReadOnlyList<SignOff> signOffs, DateTimeOffset now) =>
        PolicyEvaluator.Evaluate(policy, Context(change, directory, mailmap, now), signOffs);

    private sealed record OrgSnapshot(long Version, OrgDirectory Org);

    private static string Hash(PolicyBundle bundle)
    {
        var builder = new StringBuilder().Append(bundle.Source).Append('\0').Append(bundle.Text);
        foreach (var (path, text) in (bundle.Files ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            builder.Append('\0').Append(path).Append('\0').Append(text);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static void Trim<T>(ConcurrentDictionary<string, T> cache)
    {
        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }
    }
}
