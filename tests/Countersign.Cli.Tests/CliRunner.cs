namespace Countersign.Cli.Tests;

/// <summary>Runs the countersign command in-process with captured output, as a CI job would see it.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, interactive: false, TimeProvider.System, workingDirectory);
        var code = CliApp.Run(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
