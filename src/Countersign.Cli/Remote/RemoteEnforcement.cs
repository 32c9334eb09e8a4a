using System.Net;
using System.Text.Json;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Countersign.Contracts;

namespace Countersign.Cli.Remote;

/// <summary>
/// <c>check</c>, <c>approve</c>, <c>reject</c> and <c>break-glass</c> with <c>--server</c>: the CLI builds the change
/// from the repository as always, the server stores it (building it again itself from its mirror when the repository
/// is registered there, see <see cref="Register"/>), keeps the sign-offs and decides. The explanation is rendered
/// by evaluating the same policy locally with the server's sign-offs (the same core); should the two verdicts differ
/// (the server's directory is not this repository's), the server's verdict wins and the difference is said.
/// </summary>
internal static class RemoteEnforcement
{
    public static int Check(CliContext context, ChangeSession session, EnforcementRequest request, RemoteServer server, string format)
    {
        using var client = new ServerClient(server, context.Environment);
        ChangeView view;
        try
        {
            view = Register(client, context, session, request);
        }
        catch (ServerFailureException e)
        {
            return Failed(context, server, e);
        }
        catch (ServerRefusedException e)
        {
            return Refused(context, e);
        }

        session.UseSignOffs(view.SignOffs.Select(s => s.ToSignOff()).ToList());
        var local = session.Evaluate(context.Time.GetUtcNow());
        foreach (var warning in session.Warnings)
        {
            context.Note($"{warning}");
        }

        switch (format)
        {
            case "json":
                context.Stdout.WriteLine(view.Result?.ToJsonString(CliJson.Indented) ?? JsonSerializer.Serialize(PolicyResultJson.From(local, session.Change), CliJson.Indented));
                break;
            case "markdown":
                context.Stdout.Write(MarkdownRenderer.Render(local, session.Change));
                break;
            default:
                ResultConsoleRenderer.Render(context, ResultExplainer.Explain(local, session.Change));
                context.Stdout.WriteLine($"Server: change #{view.Id} revision {view.Revision} at {server.Url} — {UntrustedText.ForTerminal(view.Status)}"
                    + (view.BuiltBy == "server" ? " (built by the server from its mirror)." : "."));
                break;
        }

        Disagreement(context, local, view.Status);
        return view.Passed ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }

    public static int SignOff(CliContext context, ChangeSession session, EnforcementRequest request, RemoteServer server, SignOffKind kind, string? comment)
    {
        using var client = new ServerClient(server, context.Environment);
        var repository = RepositoryName.Of(session.Repository, context.Environment, request.RepositoryName);
        SignOffResponse response;
        try
        {
            var change = client.FindAsync(repository, session.Change.Key).GetAwaiter().GetResult();
            if (!string.Equals(change.PatchId, session.Change.PatchId, StringComparison.OrdinalIgnoreCase))
            {
                context.Note($"the server has revision {change.Revision} of {UntrustedText.ForTerminal(change.Key)} with patch {ResultExplainer.Short(change.PatchId)}; what you are looking at is patch {ResultExplainer.Short(session.Change.PatchId)}.");
            }

            response = client.SignOffAsync(change.Id, new SignOffRequest(kind, session.Change.PatchId, comment is { Length: > 4000 } ? comment[..4000] : comment)).GetAwaiter().GetResult();
        }
        catch (ServerFailureException e)
        {
            // A sign-off that may not have been recorded must never look recorded: no fail-open here.
            return context.Fail(ExitCodes.Infrastructure, $"{e.Message}; nothing was recorded");
        }
        catch (ServerRefusedException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"the server does not know {UntrustedText.ForTerminal(session.Change.Key)} in {UntrustedText.ForTerminal(repository)}: CI registers changes with 'countersign check --server' ({e.Message})");
        }
        catch (ServerRefusedException e) when (e.Status == HttpStatusCode.UnprocessableEntity && e.Reasons.Count > 0)
        {
            context.Note($"the server refused; nothing was recorded:");
            foreach (var reason in e.Reasons)
            {
                context.Stderr.WriteLine($"  {UntrustedText.ForTerminal(reason)}");
            }

            return ExitCodes.NotSatisfied;
        }
        catch (ServerRefusedException e)
        {
            return Refused(context, e);
        }

        var signOff = response.SignOff;
        var person = session.Org.FindPerson(signOff.PersonId)?.Name ?? signOff.PersonId;
        context.Line($"Recorded {SignOffWords.Noun(kind)} by [bold]{UntrustedMarkup.Escape(person)}[/] on the server for {UntrustedMarkup.Escape(signOff.ChangeKey)} (patch {ResultExplainer.Short(signOff.PatchId)}; attestation at /api/v1/signoffs/{signOff.Id}/attestation).");
        session.UseSignOffs(response.Change.SignOffs.Select(s => s.ToSignOff()).ToList());
        var after = session.Evaluate(context.Time.GetUtcNow());
        ResultConsoleRenderer.Render(context, [ResultExplainer.Explain(after, session.Change)[0]]);
        Disagreement(context, after, response.Change.Status);
        return ExitCodes.Success;
    }

    /// <summary>
    /// Registers the change by the path the server takes for its repository: a registered repository's change is built
    /// by the server from its mirror (only repository, key, base and head are sent; the base as the commit this check
    /// used, the target branch by name), any other's is sent with the facts built here.
    /// </summary>
    /// <param name="client">The server.</param>
    /// <param name="context">The invocation.</param>
    /// <param name="session">The change as built here.</param>
    /// <param name="request">What was asked.</param>
    /// <param name="registered">Whether the server builds the repository's changes itself, when the caller asked already.</param>
    public static ChangeView Register(ServerClient client, CliContext context, ChangeSession session, EnforcementRequest request, bool? registered = null)
    {
        var repository = RepositoryName.Of(session.Repository, context.Environment, request.RepositoryName);
        if (!(registered ?? client.BuildsItselfAsync(repository).GetAwaiter().GetResult()))
        {
            return client.RegisterAsync(Registration(context, session, request)).GetAwaiter().GetResult();
        }

        var change = session.Change;
        return client.BuildAsync(new ChangeBuildRequest(repository, change.Key, session.Repository.ResolveCommit(request.Base), change.HeadSha)
        {
            TargetBranch = change.TargetBranch,
            SourceBranch = change.SourceBranch,
            Title = request.Title,
            Labels = request.Labels,
        }).GetAwaiter().GetResult();
    }

    public static ChangeRegistration Registration(CliContext context, ChangeSession session, EnforcementRequest request) => new(
        RepositoryName.Of(session.Repository, context.Environment, request.RepositoryName), session.Change, session.Bundle!, session.Trusted.MailmapText);

    /// <summary>
    /// The server gave no answer: exit 3 (fail closed), or 0 with a loud warning when <c>--fail-open</c> was given and
    /// the server is merely unavailable (<see cref="RemoteServer.PassesDespite"/>).
    /// </summary>
    public static int Failed(CliContext context, RemoteServer server, ServerFailureException e)
    {
        if (server.PassesDespite(e))
        {
            context.Note($"warning: {e.Message}; passing because --fail-open was given (nothing was checked)");
            return ExitCodes.Success;
        }

        return context.Fail(ExitCodes.Infrastructure, $"{e.Message}; {FailingClosed(server, e)}");
    }

    /// <summary>Why the gate fails closed, in words that say whether <c>--fail-open</c> would have changed it.</summary>
    public static string FailingClosed(RemoteServer server, ServerFailureException e) => (e.Unavailable, server.FailOpen) switch
    {
        (true, _) => "failing closed (pass --fail-open to let changes through while the server is down)",
        (false, true) => "failing closed although --fail-open was given: it covers only an unavailable server (unreachable, a timeout, 502, 503, 504, 429), not this answer",
        (false, false) => "failing closed (--fail-open would not apply: it covers only an unavailable server, not this answer)",
    };

    public static int Refused(CliContext context, ServerRefusedException e) => e.Status switch
    {
        HttpStatusCode.Unauthorized => context.Fail(ExitCodes.UsageOrConfig, $"the server did not accept the token (set COUNTERSIGN_TOKEN or pass --token): {e.Message}"),
        HttpStatusCode.Forbidden => context.Fail(ExitCodes.UsageOrConfig, $"the token may not do this: {e.Message}"),
        _ => context.Fail(ExitCodes.UsageOrConfig, $"the server refused ({(int)e.Status}): {UntrustedText.ForTerminal(e.Message)}"),
    };

    private static void Disagreement(CliContext context, PolicyResult local, string serverStatus)
    {
        var mine = JsonSerializer.Serialize(local.Status).Trim('"');
        if (mine != serverStatus)
        {
            context.Note($"the server decided '{serverStatus}' where this repository's directory gives '{mine}': the server's org directory differs; the server's verdict counts");
        }
    }

}
