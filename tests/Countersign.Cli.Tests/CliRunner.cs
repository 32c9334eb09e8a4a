namespace Countersign.Cli.Tests;

/// <summary>Runs the countersign command in-process with captured output, as a CI job would see it.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, interactive: false, TimeProvider.System, workingDirectory)
        {
            // Tests must not see the CI system's variables (a GITHUB_REF would name the change).
            Environment = _ => null,
        };
        var code = CliApp.Run(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs at a fixed time, with the given environment variables and standard input.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunAt(DateTimeOffset now, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, interactive: false, new FixedTime(now), workingDirectory)
        {
            Environment = name => environment?.GetValueOrDefault(name),
            Stdin = new StringReader(stdin ?? ""),
        };
        var code = CliApp.Run(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
