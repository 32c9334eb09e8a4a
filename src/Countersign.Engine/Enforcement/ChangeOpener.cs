using Countersign.Core.Diagnostics;
using Countersign.Engine.Changes;
using Countersign.Git;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// The one entry point that opens a change for a decision, for every host: opens the repository, reads the trusted
/// configuration and the policy from the target branch, builds the change's facts (its commits read once, in one
/// stream) and settles its key. Each revision is resolved once; nothing is asked of git twice.
/// </summary>
public static class ChangeOpener
{
    /// <summary>
    /// Opens the change <paramref name="question"/> describes, in <paramref name="repository"/> when the host has it open
    /// already (the hook, for every pushed update), else in the repository at <see cref="ChangeQuestion.RepositoryPath"/>.
    /// </summary>
    public static ChangeOpening Open(ChangeQuestion question, GitRepository? repository = null)
    {
        try
        {
            repository ??= GitRepository.Open(question.RepositoryPath);
            var governing = TrustedPolicy.Load(repository, question.Base, question.PolicyPath, question.WorkingDirectory);
            if (governing.Policy is not { } policy)
            {
                return new ChangeOpening.ConfigurationRefused(governing.Errors);
            }

            var target = question.TargetBranch ?? question.Ci.TargetBranch ?? BranchNames.Target(repository, question.Base);
            if (question.OnlyWhenTargetProtected && (target is null || !policy.Protects(target)))
            {
                return new ChangeOpening.NotConcerned(target);
            }

            var key = question.Key ?? question.Ci.ChangeKey;
            var source = question.SourceBranch ?? question.Ci.SourceBranch ?? BranchNames.Source(repository, question.Head);
            var build = new ChangeBuilder(repository).Build(
                new ChangeRequest(governing.Commit, question.Head, key ?? "")
                {
                    TargetBranch = target,
                    SourceBranch = source,
                    Title = question.Title,
                    Labels = question.Labels,
                },
                governing.Trusted);

            // Without a key from the user or CI, a branch names the change; failing that, its content does, so only
            // sign-offs for this exact content can apply.
            var change = key is not null ? build.Change
                : build.Change with { Key = source is not null ? $"branch/{source}" : $"patch/{build.Change.PatchId}" };
            var warnings = build.Diagnostics.Concat(governing.Compiled.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
            return new ChangeOpening.Opened(new ChangeCase(repository, governing.Trusted, policy, governing.Bundle, change, warnings));
        }
        catch (GitCommandException e)
        {
            return e.IsBadInput ? new ChangeOpening.BadInput(e.Message) : new ChangeOpening.InfrastructureFailure(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ChangeOpening.InfrastructureFailure(e.Message);
        }
    }
}
