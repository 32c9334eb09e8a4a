using Countersign.Engine.Enforcement;
using System.CommandLine;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Countersign.Git;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign approve | reject | break-glass</c>: records a sign-off in the local store, bound to the change's
/// patch identity. The reviewer is resolved through the org directory; the policy's eligibility rules apply before
/// anything is recorded, so an author approving their own change is refused with the reason, not silently ignored.
/// </summary>
internal static class SignOffCommand
{
    public static Command Create(CliContext context, SignOffKind kind)
    {
        var options = new ChangeOptions();
        var who = new Option<string?>("--as") { Description = "Who signs: a person id, e-mail or @handle from the org directory (default: git config user.email)" };
        var comment = new Option<string?>(kind == SignOffKind.BreakGlass ? "--reason" : "--comment")
        {
            Description = kind == SignOffKind.BreakGlass ? "Why the glass is broken (required; the policy sets a minimum length)" : "A comment kept with the sign-off",
            Required = kind == SignOffKind.BreakGlass,
        };
        var (name, description) = kind switch
        {
            SignOffKind.Approve => ("approve", "Sign off a change (recorded against its exact content)"),
            SignOffKind.Reject => ("reject", "Reject a change: blocks every rule you are eligible for until you approve"),
            _ => ("break-glass", "Let a change through without its sign-offs in an emergency; opens a review deadline"),
        };
        var command = new Command(name, description);
        options.AddTo(command);
        command.Options.Add(who);
        command.Options.Add(comment);
        command.SetAction(parse => Run(context, kind, options.Read(parse), parse.GetValue(who), parse.GetValue(comment)));
        return command;
    }

    internal static int Run(CliContext context, SignOffKind kind, EnforcementRequest request, string? who, string? comment)
    {
        using var session = ChangeSession.Open(context, request, out var failure);
        if (session is null)
        {
            return failure;
        }

        if (request.Remote is { } server)
        {
            if (who is not null)
            {
                return context.Fail(ExitCodes.UsageOrConfig, "--as cannot be used with --server: the server signs as the person the reviewer token belongs to");
            }

            return Remote.RemoteEnforcement.SignOff(context, session, request, server, kind, comment);
        }

        var identity = who ?? ConfiguredEmail(session.Repository);
        if (identity is null)
        {
            return context.Fail(ExitCodes.UsageOrConfig, "who is signing? pass --as ID|EMAIL|@handle or set git config user.email");
        }

        var person = Resolve(session, identity, out var why);
        if (person is null)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"{UntrustedText.ForTerminal(identity)} cannot sign: {why}");
        }

        var now = context.Time.GetUtcNow();
        var change = session.Change;
        var signOff = new SignOff(
            Guid.NewGuid().ToString("n"), change.Key, person.Id, kind, change.PatchId, change.FilePatchIds, change.HeadSha, now,
            comment is null ? null : comment.Length > 4000 ? comment[..4000] : comment);
        var simulated = session.Evaluate(now, [signOff]);
        if (SignOffRefusal.Reasons(kind, signOff, simulated) is { } refusal)
        {
            context.Note($"{person.Name} cannot {SignOffWords.Verb(kind)} this change; nothing was recorded:");
            foreach (var line in refusal)
            {
                context.Stderr.WriteLine($"  {UntrustedText.ForTerminal(line, CliContext.MaxLineLength)}");
            }

            return ExitCodes.NotSatisfied;
        }

        try
        {
            session.SignOffs.Add(signOff);
        }
        catch (Storage.StorageException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }

        context.Line($"Recorded {SignOffWords.Noun(kind)} by [bold]{UntrustedMarkup.Escape(person.Name)}[/] for {UntrustedMarkup.Escape(change.Key)} (patch {ResultExplainer.Short(change.PatchId)}).");
        var after = session.Evaluate(now);
        ResultConsoleRenderer.Render(context, [ResultExplainer.Explain(after, change)[0]]);
        return ExitCodes.Success;
    }

    /// <summary>Why the sign-off would not count, or null when it counts for at least one rule (or no rule needs one).</summary>
    private static Person? Resolve(ChangeSession session, string identity, out string why) =>
        IdentityMatchSubject.Find(session.Org, session.Trusted.Resolver, identity, out why);

    private static string? ConfiguredEmail(GitRepository repository) => repository.ConfigValue("user.email");


}
