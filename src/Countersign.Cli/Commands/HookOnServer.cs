using Countersign.Cli.Enforcement;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Text;
using Countersign.Engine.Enforcement;
using Countersign.Git;

namespace Countersign.Cli.Commands;

/// <summary><c>countersign hook pre-receive --server</c>: a pushed update of a protected branch decided by the server.</summary>
internal static class HookOnServer
{
    /// <summary>
    /// The push as a change registered on the server, which decides with its sign-offs (a pull request's sign-off is
    /// found again by the content's patch identity). When the server builds the repository's changes itself, the hook
    /// first sends the pushed objects as a bundle (<see cref="Remote.PushBundle"/>) and then asks for the change by its
    /// two tips, as <c>check --server</c> does: the server believes its mirror, not this hook. An unavailable server
    /// rejects the push unless <c>--fail-open</c>; a server that fails on its own or reports its audit log damaged
    /// rejects it always.
    /// </summary>
    public static int Judge(CliContext context, ChangeSession session, EnforcementRequest request, Remote.RemoteServer server, PushUpdate update)
    {
        using var client = new Remote.ServerClient(server, context.Environment);
        Contracts.ChangeView view;
        try
        {
            var name = Remote.RepositoryName.Of(session.Repository, context.Environment, request.RepositoryName);
            var registered = client.BuildsItselfAsync(name).GetAwaiter().GetResult();
            if (registered)
            {
                if (Remote.PushBundle.Rewrites(session.Repository, update))
                {
                    context.Note($"{update.Branch} is force-pushed: {update.OldSha[..12]} is not an ancestor of {update.NewSha[..12]} (history rewritten); "
                        + "the server judges the content the push leaves on the branch, from the old tip to the new one.");
                }

                var receipt = Remote.PushBundle.Send(client, session.Repository, update, name);
                context.Note($"sent the pushed objects to the server ({(receipt.Fetched ? "its mirror fetched first" : "its mirror was current")}); the server builds the change from its mirror.");
            }

            view = Remote.RemoteEnforcement.Register(client, context, session, request, registered);
        }
        catch (GitCommandException e)
        {
            context.Note($"error: cannot bundle the pushed objects: {e.Message}");
            return server.FailOpen ? ExitCodes.Success : ExitCodes.Infrastructure;
        }
        catch (Remote.ServerFailureException e)
        {
            var passes = server.PassesDespite(e);
            context.Note(passes ? $"warning: {e.Message}; accepting because --fail-open was given (nothing was checked)" : $"error: {e.Message}; {Remote.RemoteEnforcement.FailingClosed(server, e)}");
            return passes ? ExitCodes.Success : ExitCodes.Infrastructure;
        }
        catch (Remote.ServerRefusedException e)
        {
            context.Note($"error: the server refused ({(int)e.Status}): {UntrustedText.ForTerminal(e.Message)}");
            return ExitCodes.UsageOrConfig;
        }

        session.UseSignOffs(view.SignOffs.Select(s => s.ToSignOff()).ToList());
        var explained = session.Evaluate(context.Time.GetUtcNow());
        context.Stderr.Write(ResultConsoleRenderer.Plain(ResultExplainer.Explain(explained, session.Change)));
        return view.Passed ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }
}
