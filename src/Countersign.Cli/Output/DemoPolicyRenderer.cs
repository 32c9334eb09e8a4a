using Countersign.Cli.Commands;
using Countersign.Demo;
using Countersign.Cli.Enforcement;
using Spectre.Console;

namespace Countersign.Cli.Output;

/// <summary>
/// The demo's policy story, told by running the real commands: Tom's AI-assisted change to tier-1 checkout is blocked
/// with its explanation; Tom cannot approve it himself; Marcus (the senior owner) and Sofia (a senior from another
/// team) sign off; the check passes.
/// </summary>
internal static class DemoPolicyRenderer
{
    /// <remarks>
    /// The commands run with a story context: what they would write to stderr (the refusal of Tom's own approval) is
    /// part of the story, so it is told on stdout in order; prose wraps at the terminal's width.
    /// </remarks>
    public static void Render(CliContext outer, string repositoryPath)
    {
        var context = outer.ForStory();
        var console = context.Console;
        DemoPolicyStory.Create(repositoryPath, context.Time.GetUtcNow());
        var request = new EnforcementRequest(repositoryPath, "main", DemoPolicyStory.Branch, null, null, null, [], null, null, null);
        var args = $"--base main --head {DemoPolicyStory.Branch}";

        console.WriteLine();
        console.Write(new Rule("[bold]The policy in action[/]").LeftJustified());
        context.Line($"{UntrustedMarkup.Escape(DemoPolicyStory.Author.Name)} ({DemoPolicyStory.Author.Level}, checkout) asked Claude Code for a retry on {UntrustedMarkup.Escape(DemoPolicyStory.Branch)}. The policy is .countersign/policy.yaml on main (the default from 'countersign init').");
        Step(console, $"countersign check {args}");
        CheckCommand.Run(context, request, "text");

        Step(console, $"countersign approve {args} --as {DemoPolicyStory.Author.Handle}");
        SignOffCommand.Run(context, Core.SignOffs.SignOffKind.Approve, request, DemoPolicyStory.Author.Handle, null);

        foreach (var approver in DemoPolicyStory.Approvers)
        {
            Step(console, $"countersign approve {args} --as {approver.Handle}");
            SignOffCommand.Run(context, Core.SignOffs.SignOffKind.Approve, request, approver.Handle, "reviewed the retry bounds");
        }

        Step(console, $"countersign check {args}");
        CheckCommand.Run(context, request, "text");
    }

    private static void Step(IAnsiConsole console, string command)
    {
        console.WriteLine();
        console.MarkupLine($"[bold cyan]$ {Markup.Escape(command)}[/]");
    }
}
