using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Cli.Commands;
using Countersign.Engine.Changes;
using Countersign.Engine.Enforcement;
using Countersign.Git;
using Countersign.Storage;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// The command line's side of one opened change: the engine's <see cref="ChangeCase"/> (one call,
/// <see cref="ChangeOpener.Open"/>) and where its sign-offs are kept — the local record, or a server's answer. Every
/// enforcement command (check, approve, reject, break-glass, the git hook) opens changes here, so all of them decide
/// the same way and fail with the same exit codes.
/// </summary>
internal sealed class ChangeSession : IDisposable
{
    private readonly IDisposable? store;

    private ChangeSession(ChangeCase opened, IDisposable? store, ISignOffStore signOffs)
    {
        Case = opened;
        this.store = store;
        SignOffs = signOffs;
    }

    public ChangeCase Case { get; }

    public GitRepository Repository => Case.Repository;

    public TrustedConfiguration Trusted => Case.Trusted;

    public CompiledPolicy Policy => Case.Policy;

    public ChangeFacts Change => Case.Change;

    public ISignOffStore SignOffs { get; private set; }

    /// <summary>The policy as read (text, source, extended files), for a server to compile the same policy.</summary>
    public PolicyBundle? Bundle => Case.Bundle;

    /// <summary>Warnings from reading the trusted configuration and the policy (errors stop the session from opening).</summary>
    public IReadOnlyList<Diagnostic> Warnings => Case.Warnings;

    public OrgDirectory Org => Case.Org;

    /// <summary>
    /// Opens the change described by <paramref name="request"/>. Returns null after writing a one-line error and setting
    /// <paramref name="exitCode"/> (2 for configuration and usage errors, 3 for git or database failures). With
    /// <paramref name="onlyWhenProtected"/>, a target branch the policy does not protect (a push to an unprotected
    /// branch) returns null with exit code 0 before any of the change's facts are built. A <paramref name="repository"/>
    /// the caller has open already is used instead of opening <see cref="EnforcementRequest.Repo"/> again.
    /// </summary>
    public static ChangeSession? Open(CliContext context, EnforcementRequest request, out int exitCode, bool onlyWhenProtected = false, GitRepository? repository = null)
    {
        var question = new ChangeQuestion(Path.GetFullPath(request.Repo, context.WorkingDirectory), request.Base, request.Head)
        {
            Key = request.ChangeKey,
            TargetBranch = request.TargetBranch,
            SourceBranch = request.SourceBranch,
            Title = request.Title,
            Labels = request.Labels,
            PolicyPath = request.PolicyPath,
            WorkingDirectory = context.WorkingDirectory,
            Ci = CiVariables.Read(context.Environment),
            OnlyWhenTargetProtected = onlyWhenProtected,
        };
        exitCode = ExitCodes.Success;
        switch (ChangeOpener.Open(question, repository))
        {
            case ChangeOpening.Opened { Case: var opened }:
                return WithSignOffs(context, request, opened, out exitCode);
            case ChangeOpening.ConfigurationRefused refused:
                exitCode = ConfigurationRefusal.Fail(context, refused.Errors, "nothing was evaluated");
                return null;
            case ChangeOpening.BadInput bad:
                exitCode = context.Fail(ExitCodes.UsageOrConfig, bad.Message);
                return null;
            case ChangeOpening.InfrastructureFailure failure:
                exitCode = context.Fail(ExitCodes.Infrastructure, failure.Message);
                return null;
            case ChangeOpening.NotConcerned:
                return null;
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    /// <summary>The case with where its sign-offs live: the server keeps them (they arrive with its answer), else the local record.</summary>
    private static ChangeSession? WithSignOffs(CliContext context, EnforcementRequest request, ChangeCase opened, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (request.Remote is not null)
        {
            return new ChangeSession(opened, null, new ListSignOffStore([]));
        }

        try
        {
            var signOffs = LocalStore.OpenRecord(context, ScanCommand.DatabasePath(context, opened.Repository, request.DbPath), opened.Repository);
            return new ChangeSession(opened, signOffs, signOffs);
        }
        catch (StorageException e)
        {
            exitCode = context.Fail(ExitCodes.Infrastructure, e.Message);
            return null;
        }
    }

    /// <summary>Evaluates the policy on the change with the stored sign-offs, plus <paramref name="hypothetical"/> ones not yet stored.</summary>
    public PolicyResult Evaluate(DateTimeOffset now, IReadOnlyList<SignOff>? hypothetical = null, string? environment = null)
    {
        var signOffs = SignOffs.ForChange(Change.Key, Change.PatchId);
        return Case.Evaluate(hypothetical is null ? signOffs : [.. signOffs, .. hypothetical], now, environment);
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
}
