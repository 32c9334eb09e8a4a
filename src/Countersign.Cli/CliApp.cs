using System.CommandLine;
using Countersign.Cli.Commands;
using Countersign.Storage;

namespace Countersign.Cli;

/// <summary>Builds the <c>countersign</c> command tree and runs it with the exit-code contract of <see cref="ExitCodes"/>.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Countersign: knows which changes are AI-assisted and makes sure the right senior signed them off.")
        {
            ScanCommand.Create(context),
            DemoCommand.Create(context),
            ImpactCommand.Create(context),
            BacktestCommand.Create(context),
            CheckCommand.Create(context),
            SignOffCommand.Create(context, Core.SignOffs.SignOffKind.Approve),
            SignOffCommand.Create(context, Core.SignOffs.SignOffKind.Reject),
            SignOffCommand.Create(context, Core.SignOffs.SignOffKind.BreakGlass),
            HookCommand.Create(context),
            PolicyCommand.Create(context),
            InitCommand.Create(context),
            DeployGateCommand.Create(context),
            ServeCommand.Create(context),
            AuditCommand.Create(context),
            AttestCommand.Create(context),
            TokenCommand.Create(context),
        };
        // No response files: "@handle" is how people name a reviewer, not a file to read arguments from.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Note($"error: {error.Message}");
            }

            context.Stderr.WriteLine("Run 'countersign --help' for usage.");
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Stdout, Error = context.Stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return context.Fail(ExitCodes.UsageOrConfig, e.Message);
        }
        catch (Exception e) when (InfrastructureFailure(e) is { } message)
        {
            // One place for what fails underneath every command (a damaged database, a locked or unwritable file):
            // exit 3 with the file and the cause, never a stack trace.
            return context.Fail(ExitCodes.Infrastructure, message);
        }
    }

    /// <summary>The one-line message for a failure of the machinery under a command; null for a bug (which must surface).</summary>
    internal static string? InfrastructureFailure(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => InfrastructureFailure(a.InnerException!),
        StorageException s => s.Message,
        System.Data.Common.DbException db => $"the database failed: {StorageFailure.Explain(db)}",
        IOException or UnauthorizedAccessException => StorageFailure.Explain(e),
        _ => null,
    };
}
