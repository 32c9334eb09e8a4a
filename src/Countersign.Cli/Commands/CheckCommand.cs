using System.CommandLine;
using System.Text.Json;
using Countersign.Cli.Enforcement;
using Countersign.Cli.Output;
using Countersign.Cli.Output.Policy;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>countersign check --base REV --head REV</c>: the CI gate. Builds the change, reads its sign-offs, evaluates the
/// policy committed on the target branch, prints the result tree and exits 0 (satisfied), 1 (pending, rejected,
/// frozen), 2 (configuration or usage error) or 3 (infrastructure error).
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var options = new ChangeOptions();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (same as --format json)" };
        var format = new Option<string>("--format") { Description = "text, markdown (a PR comment or $GITHUB_STEP_SUMMARY) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var command = new Command("check", "Evaluate the sign-off policy on a change and fail unless it is satisfied");
        options.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(format);
        command.SetAction(parse => Run(context, options.Read(parse), parse.GetValue(json) ? "json" : parse.GetValue(format)!));
        return command;
    }

    internal static int Run(CliContext context, EnforcementRequest request, string format)
    {
        using var session = ChangeSession.Open(context, request, out var failure);
        if (session is null)
        {
            return failure;
        }

        if (request.Remote is { } server)
        {
            return Remote.RemoteEnforcement.Check(context, session, request, server, format);
        }

        PolicyResult result;
        try
        {
            result = session.Evaluate(context.Time.GetUtcNow());
        }
        catch (Storage.StorageException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }

        foreach (var warning in session.Warnings)
        {
            context.Note($"{warning}");
        }

        switch (format)
        {
            case "json":
                context.Stdout.WriteLine(JsonSerializer.Serialize(PolicyResultJson.From(result, session.Change), CliJson.Indented));
                break;
            case "markdown":
                context.Stdout.Write(MarkdownRenderer.Render(result, session.Change));
                break;
            default:
                ResultConsoleRenderer.Render(context, ResultExplainer.Explain(result, session.Change));
                break;
        }

        return result.Passed ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }
}
