using Countersign.Engine.Enforcement;
using Countersign.Engine.Changes;
using Countersign.Cli.Commands;
using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Git;
using Countersign.Storage;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// One change opened for enforcement: the repository, the trusted configuration and policy read from the target
/// branch, the change's facts, and the sign-off store. Every enforcement command (check, approve, reject,
/// break-glass, the git hook) goes through this, so all of them decide the same way.
/// </summary>
internal sealed class ChangeSession : IDisposable
{
    private readonly ScanStore? store;

    private ChangeSession(GitRepository repository, TrustedConfiguration trusted, CompiledPolicy policy, ChangeFacts change, ScanStore? store, ISignOffStore signOffs, IReadOnlyList<Diagnostic> warnings)
    {
        Repository = repository;
        Trusted = trusted;
        Policy = policy;
        Change = change;
        this.store = store;
        SignOffs = signOffs;
        Warnings = warnings;
    }

    public GitRepository Repository { get; }

    public TrustedConfiguration Trusted { get; }

    public CompiledPolicy Policy { get; }

    public ChangeFacts Change { get; }

    public ISignOffStore SignOffs { get; private set; }

    /// <summary>The policy as read (text, source, extended files), for a server to compile the same policy.</summary>
    public PolicyBundle? Bundle { get; private init; }

    /// <summary>Warnings from reading the trusted configuration and the policy (errors stop the session from opening).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    public OrgDirectory Org => Trusted.Directory;

    /// <summary>
    /// Opens the change described by <paramref name="request"/>. Returns null after writing a one-line error and setting
    /// <paramref name="exitCode"/> (2 for configuration and usage errors, 3 for git or database failures). When
    /// <paramref name="concerns"/> says the compiled policy does not concern this change (a push to an unprotected
    /// branch), returns null with exit code 0 before any of the change's facts are built.
    /// </summary>
    public static ChangeSession? Open(CliContext context, EnforcementRequest request, out int exitCode, Func<CompiledPolicy, bool>? concerns = null)
    {
        exitCode = ExitCodes.Success;
        ScanStore? store = null;
        try
        {
            var repository = GitRepository.Open(Path.GetFullPath(request.Repo, context.WorkingDirectory));
            var trusted = TrustedConfiguration.Load(repository, request.Base);
            var (compiled, bundle) = PolicyFile.LoadWithBundle(repository, request.Base, request.PolicyPath, trusted.Directory, context.WorkingDirectory);
            var errors = trusted.Diagnostics.Concat(compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0 || compiled.Policy is null)
            {
                exitCode = ConfigurationRefusal.Fail(context, errors, "nothing was evaluated");
                return null;
            }

            if (concerns is not null && !concerns(compiled.Policy))
            {
                return null;
            }

            var ci = CiEnvironment.From(context.Environment);
            var key = request.ChangeKey ?? ci.ChangeKey;
            var sourceBranch = request.SourceBranch ?? ci.SourceBranch ?? BranchName(repository, request.Head);
            var build = new ChangeBuilder(repository).Build(
                new ChangeRequest(request.Base, request.Head, key ?? "")
                {
                    TargetBranch = request.TargetBranch ?? ci.TargetBranch ?? TargetName(repository, request.Base),
                    SourceBranch = sourceBranch,
                    Title = request.Title,
                    Labels = request.Labels,
                },
                trusted);

            // Without a key from the user or CI, a branch names the change; failing that, its content does, so only
            // sign-offs for this exact content can apply.
            var change = key is not null ? build.Change
                : build.Change with { Key = sourceBranch is not null ? $"branch/{sourceBranch}" : $"patch/{build.Change.PatchId}" };
            var warnings = build.Diagnostics.Concat(compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
            if (request.Remote is not null)
            {
                // The server keeps the sign-offs; they arrive with its answer (UseSignOffs).
                return new ChangeSession(repository, trusted, compiled.Policy, change, null, new ListSignOffStore([]), warnings) { Bundle = bundle };
            }

            store = LocalStore.Open(context, ScanCommand.DatabasePath(context, repository, request.DbPath));
            var repoId = store.Repository(repository.Path, repository.Kind.ToString());
            var session = new ChangeSession(repository, trusted, compiled.Policy, change, store, new SqliteSignOffStore(store, repoId), warnings) { Bundle = bundle };
            store = null;
            return session;
        }
        catch (GitCommandException e)
        {
            exitCode = context.Fail(e.IsBadInput ? ExitCodes.UsageOrConfig : ExitCodes.Infrastructure, e.Message);
            return null;
        }
        catch (StorageException e)
        {
            exitCode = context.Fail(ExitCodes.Infrastructure, e.Message);
            return null;
        }
        finally
        {
            store?.Dispose();
        }
    }

    /// <summary>Evaluates the policy on the change with the stored sign-offs, plus <paramref name="hypothetical"/> ones not yet stored.</summary>
    public PolicyResult Evaluate(DateTimeOffset now, IReadOnlyList<SignOff>? hypothetical = null, string? environment = null)
    {
        var signOffs = SignOffs.ForChange(Change.Key, Change.PatchId);
        var context = new EvaluationContext(Change, Org, Trusted.Resolver, now) { Environment = environment, DirectoryName = Trusted.DirectorySource };
        return PolicyEvaluator.Evaluate(Policy, context, hypothetical is null ? signOffs : [.. signOffs, .. hypothetical]);
    }

    /// <summary>Evaluates with the sign-offs a server returned rather than the local store's.</summary>
    public void UseSignOffs(IReadOnlyList<SignOff> signOffs) => SignOffs = new ListSignOffStore(signOffs);

    public void Dispose() => store?.Dispose();

    /// <summary>Sign-offs held in memory: the ones a server answered with.</summary>
    private sealed class ListSignOffStore(IReadOnlyList<SignOff> signOffs) : ISignOffStore
    {
        public IReadOnlyList<SignOff> ForChange(string changeKey, string patchId) => signOffs;

        public void Add(SignOff signOff) => throw new InvalidOperationException("sign-offs given through a server are recorded by the server");
    }

    /// <summary>The branch a revision names (<c>feature/x</c> for <c>feature/x</c> or <c>refs/heads/feature/x</c>), or null for a sha or <c>HEAD</c> on a detached head.</summary>
    internal static string? BranchName(GitRepository repository, string revision) =>
        repository.FullRefName(revision) is { } name && name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : null;

    /// <summary>The target branch name: the branch <paramref name="revision"/> names, without a remote prefix (<c>origin/main</c> → <c>main</c>).</summary>
    internal static string? TargetName(GitRepository repository, string revision)
    {
        var name = repository.FullRefName(revision);
        if (name is null)
        {
            return null;
        }

        if (name.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return name["refs/heads/".Length..];
        }

        const string remotes = "refs/remotes/";
        var rest = name.StartsWith(remotes, StringComparison.Ordinal) ? name[remotes.Length..] : null;
        return rest is not null && rest.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? rest[(slash + 1)..] : null;
    }
}
