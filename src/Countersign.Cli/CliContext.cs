using Spectre.Console;

namespace Countersign.Cli;

/// <summary>
/// Where a command writes: a Spectre console for humans (stdout), a plain writer for machine output,
/// and stderr for errors. Tests pass their own writers.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive, TimeProvider time, string workingDirectory)
    {
        Stdout = stdout;
        Stderr = stderr;
        Interactive = interactive;
        Time = time;
        WorkingDirectory = workingDirectory;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            Console.Profile.Width = 80;
        }
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>True when stdout is a terminal: progress bars and colour are allowed.</summary>
    public bool Interactive { get; }

    public TimeProvider Time { get; }

    public string WorkingDirectory { get; }

    public IAnsiConsole Console { get; }

    public static CliContext ForProcess() => new(
        System.Console.Out,
        System.Console.Error,
        !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("CI") is null,
        TimeProvider.System,
        Environment.CurrentDirectory);

    /// <summary>Writes a one-line error: <c>countersign: error: …</c>.</summary>
    public int Fail(int exitCode, string message)
    {
        Stderr.WriteLine($"countersign: error: {message}");
        return exitCode;
    }
}
