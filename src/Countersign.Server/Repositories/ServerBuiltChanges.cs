using System.Collections.Concurrent;
using Countersign.Contracts;
using Countersign.Core.Diagnostics;
using Countersign.Core.Text;
using Countersign.Engine.Changes;
using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Repositories;

/// <summary>
/// Builds a registered repository's change on the server, from its own mirror, with the engine's calls the command
/// line makes (<see cref="ChangeBuilder"/>, <see cref="PolicyFile.LoadWithBundle"/>), then registers it through the
/// one registration path. What it believes: the mirror, and the trusted files (policy, directory, .mailmap,
/// signatures, CODEOWNERS, catalog) at the target branch's tip in the mirror — never a client's facts. The base must
/// be on the target branch, so a client cannot pick an old or foreign commit whose policy suits it.
/// A build is cached by everything it depends on (repository, base, head, the target's tip, which fixes the policy),
/// so a repeated request costs a fetch (or not even that, within the fetch interval) and no rebuild.
/// </summary>
public sealed class ServerBuiltChanges(RepositoryLookup repositories, MirrorStore mirrors, ChangeService changes)
{
    private const int CacheSize = 512;
    private readonly ConcurrentDictionary<string, ChangeRegistration> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Resolution> resolutions = new(StringComparer.Ordinal);
    private int builds;

    /// <summary>How many changes this server built (requests answered from the cache not counted).</summary>
    internal int Builds => builds;

    /// <summary>Fetches, builds (or finds the build in the cache) and registers the change; the view says <c>builtBy: server</c>.</summary>
    /// <param name="request">The change to build.</param>
    /// <param name="actor">The token asking.</param>
    /// <param name="cancellation">Cancels the request.</param>
    public async Task<Outcome<ChangeView>> RegisterAsync(ChangeBuildRequest request, string actor, CancellationToken cancellation)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        var (found, head) = await repositories.FindAsync(request.Repository, cancellation);
        if (found is not { } repository)
        {
            return new Problem.Unprocessable("Repository not registered",
                $"{request.Repository} is not registered on this server, so it cannot build the change: register it (POST /api/v1/repositories) or send the change's facts");
        }

        var fetched = await mirrors.FetchAsync(repository, m => resolutions.ContainsKey(ResolutionKey(m, request)) || Resolves(m.Repository, request), cancellation);
        if (!fetched.Succeeded(out var snapshot, out var unavailable))
        {
            return unavailable;
        }

        // A repeated request finds its build in the caches without running git: answered on this thread, not handed to
        // the thread pool as a build is.
        Outcome<ChangeRegistration> built = Cached(snapshot, request) is { } hit ? hit : await Task.Run(() => Build(snapshot, request), cancellation);
        return await built
            .ThenAsync(async registration => (await changes.RegisterAsync(registration, actor, cancellation, head)).Map(view => view with { BuiltBy = "server" }));
    }

    private Outcome<ChangeRegistration> Build(MirrorSnapshot snapshot, ChangeBuildRequest request)
    {
        var mirror = snapshot.Repository;
        var resolutionKey = ResolutionKey(snapshot, request);
        if (!resolutions.TryGetValue(resolutionKey, out var resolved))
        {
            if (!Resolve(mirror, request).Succeeded(out resolved, out var unresolved))
            {
                return unresolved;
            }

            Remember(resolutions, resolutionKey, resolved);
        }

        var (target, tip, baseSha, headSha) = resolved;
        var cacheKey = CacheKey(request, resolved);
        if (cache.TryGetValue(cacheKey, out var cached))
        {
            return ForKey(cached, request);
        }

        var trusted = TrustedConfiguration.Load(mirror, tip);
        var (compiled, bundle) = PolicyFile.LoadWithBundle(mirror, tip, null, trusted.Directory, mirror.Path);
        var errors = trusted.Diagnostics.Concat(compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || compiled.Policy is null || bundle is null)
        {
            return new Problem.Unprocessable("Configuration refused",
                $"the trusted configuration on {Show(target)} of {request.Repository} has errors; nothing was evaluated",
                "reasons", errors.Select(e => UntrustedText.ForTerminal(e.ToString(), 500)).ToList());
        }

        var build = new ChangeBuilder(mirror).Build(
            new ChangeRequest(baseSha, headSha, request.Key)
            {
                TargetBranch = target,
                SourceBranch = request.SourceBranch ?? BranchNamedBy(mirror, request.Head),
                Title = request.Title,
                Labels = request.Labels,
                Description = request.Description,
                TrustRevision = tip,
            },
            trusted);
        Interlocked.Increment(ref builds);
        // Read at the tip's commit (a fetch may move the branch meanwhile), labelled by the branch as `check --base main`
        // labels it: the policy's positions in explanations then read the same on both hosts.
        var registration = new ChangeRegistration(request.Repository, build.Change, bundle with { Source = $"{target}:{PolicyFile.DefaultPath}" }, trusted.MailmapText);
        Remember(cache, cacheKey, registration);
        return registration;
    }

    /// <summary>The registration built for this request before, when both the resolution and the build are cached.</summary>
    private ChangeRegistration? Cached(MirrorSnapshot snapshot, ChangeBuildRequest request) =>
        resolutions.TryGetValue(ResolutionKey(snapshot, request), out var resolved) && cache.TryGetValue(CacheKey(request, resolved), out var cached)
            ? ForKey(cached, request)
            : null;

    private static string CacheKey(ChangeBuildRequest request, Resolution resolved) =>
        string.Join('\u001e', request.Repository, resolved.BaseSha, resolved.HeadSha, resolved.Tip, resolved.Target, request.SourceBranch, request.Title, string.Join('\u001f', request.Labels),
            request.Description is null ? "" : ChangeService.Hash(request.Description));

    /// <summary>The same instance for the same key: the registration path knows it as validated and hashed already.</summary>
    private static ChangeRegistration ForKey(ChangeRegistration cached, ChangeBuildRequest request) =>
        cached.Facts.Key == request.Key ? cached : cached with { Facts = cached.Facts with { Key = request.Key } };

    /// <summary>
    /// The target branch and the commits the request names, checked: head reached by a ref of the remote, base on the
    /// target branch. Cached per mirror generation (a fetch starts a new one), so a repeated request runs no git at all.
    /// </summary>
    private static Outcome<Resolution> Resolve(GitRepository mirror, ChangeBuildRequest request)
    {
        if ((request.TargetBranch is { } named ? Branch(named) : BranchNamedBy(mirror, request.Base)) is not { } target)
        {
            return new Problem.Unprocessable("Target branch unknown",
                $"base '{Show(request.Base)}' is not a branch of {request.Repository}: name the branch the change goes into (targetBranch)");
        }

        if (Resolve(mirror, $"refs/heads/{target}") is not { } tip)
        {
            return Unknown(request.Repository, "targetBranch", target);
        }

        if (Resolve(mirror, request.Base) is not { } baseSha)
        {
            return Unknown(request.Repository, "base", request.Base);
        }

        if (Resolve(mirror, request.Head) is not { } headSha || !GitMirror.IsReachable(mirror, headSha))
        {
            return Unknown(request.Repository, "head", request.Head);
        }

        if (!GitMirror.IsAncestor(mirror, baseSha, tip))
        {
            return new Problem.Unprocessable("Base not on the target branch",
                $"base '{Show(request.Base)}' ({baseSha[..12]}) is not on {Show(target)} in {request.Repository}: the change is built against its target branch (was the branch rewritten?)");
        }

        return new Resolution(target, tip, baseSha, headSha);
    }

    private static string ResolutionKey(MirrorSnapshot snapshot, ChangeBuildRequest request) =>
        string.Join('\u001e', snapshot.Generation, request.Repository, request.Base, request.Head, request.TargetBranch);

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= CacheSize)
        {
            cache.Clear();
        }

        cache[key] = value;
    }

    /// <summary>Null when the request is well formed; otherwise a 400 naming the first field that is not.</summary>
    private static Problem.Invalid? Check(ChangeBuildRequest? request)
    {
        if (request is null)
        {
            return new Problem.Invalid("$", "the body is empty");
        }

        var problem = RepositoryAddress.Name("repository", request.Repository)
            ?? Validation.NameProblem("key", request.Key)
            ?? Revision("base", request.Base)
            ?? Revision("head", request.Head)
            ?? (request.TargetBranch is null ? null : Revision("targetBranch", request.TargetBranch))
            ?? Text("sourceBranch", request.SourceBranch, 500)
            ?? Text("title", request.Title, 2000)
            ?? Text("description", request.Description, 65536)
            ?? (request.Labels is null || request.Labels.Count > ChangeBuilder.MaxLabels ? new Problem.Invalid("labels", $"at most {ChangeBuilder.MaxLabels} labels") : null);
        return problem ?? request.Labels!.Select(label => Text("labels", label, 500)).FirstOrDefault(p => p is not null);
    }

    private static Problem.Invalid? Text(string field, string? value, int max) =>
        value is null ? null
        : value.Length > max ? new Problem.Invalid(field, $"is {value.Length} characters long; at most {max} are accepted")
        : Api.StorableText.Problem(value) is { } unstorable ? new Problem.Invalid(field, unstorable)
        : null;

    /// <summary>A revision as git may take it: a name, never an option or a range.</summary>
    private static Problem.Invalid? Revision(string field, string? revision) =>
        string.IsNullOrEmpty(revision) || revision.Length > 250 || revision.StartsWith('-') || revision.Contains("..", StringComparison.Ordinal)
            || revision.Contains("@{", StringComparison.Ordinal) || revision.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ':' or '^' or '~' or '?' or '*' or '[' or '\\')
            ? new Problem.Invalid(field, "must be a branch name or a commit id (no leading '-', no ranges, spaces or revision operators)")
            : null;

    /// <summary>True when the mirror as it is has every revision the request names (then a recent fetch need not be repeated).</summary>
    private static bool Resolves(GitRepository mirror, ChangeBuildRequest request)
    {
        try
        {
            _ = mirror.ResolveCommit(request.Base);
            _ = mirror.ResolveCommit(request.Head);
            return request.TargetBranch is null || mirror.ResolveCommit($"refs/heads/{Branch(request.TargetBranch)}").Length > 0;
        }
        catch (GitCommandException)
        {
            return false;
        }
    }

    /// <summary>The commit <paramref name="revision"/> names in the mirror, or null when it names none.</summary>
    private static string? Resolve(GitRepository mirror, string revision)
    {
        try
        {
            return mirror.ResolveCommit(revision);
        }
        catch (GitCommandException e) when (e.IsBadInput)
        {
            return null;
        }
    }

    private static Problem.UnknownRevision Unknown(string repository, string field, string revision) =>
        new(field, Show(revision),
            $"{field} '{Show(revision)}' is not in {repository} after fetching it: the branch was deleted or its history rewritten, or the commit was never pushed");

    /// <summary>The branch <paramref name="revision"/> names in the mirror (<c>main</c>, <c>refs/heads/main</c>), or null for a commit id.</summary>
    private static string? BranchNamedBy(GitRepository mirror, string revision) =>
        mirror.FullRefName(revision) is { } name && name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : null;

    private static string Branch(string name) => name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name;

    private static string Show(string text) => UntrustedText.ForTerminal(text, 200);

    private sealed record Resolution(string Target, string Tip, string BaseSha, string HeadSha);
}
