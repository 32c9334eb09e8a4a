using Countersign.Core.Text;
using Spectre.Console;

namespace Countersign.Cli;

/// <summary>
/// Where a command writes: a Spectre console for humans (stdout), a plain writer for machine output,
/// and stderr for errors. Tests pass their own writers.
/// </summary>
internal sealed class CliContext
{
    private readonly Lazy<IAnsiConsole> console;

    public CliContext(TextWriter stdout, TextWriter stderr, bool interactive, TimeProvider time, string workingDirectory)
    {
        Stdout = stdout;
        Stderr = stderr;
        Interactive = interactive;
        Time = time;
        WorkingDirectory = workingDirectory;
        // Built on first use: a command that prints only JSON (scan --json, a rescan in CI) never pays for the console's
        // set-up and terminal detection.
        console = new Lazy<IAnsiConsole>(() =>
        {
            var created = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            });
            if (!interactive)
            {
                created.Profile.Width = 80;
            }

            return created;
        });
    }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>True when stdout is a terminal: progress bars and colour are allowed.</summary>
    public bool Interactive { get; }

    public TimeProvider Time { get; }

    public string WorkingDirectory { get; }

    public IAnsiConsole Console => console.Value;

    /// <summary>Reads an environment variable (CI systems describe the change this way); tests substitute their own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Prose wraps at the console's width (80 when stdout is not a terminal) instead of staying one line: for the
    /// demo, which people read, not CI logs, which tools parse. Commands (<see cref="Command"/>) never wrap.
    /// </summary>
    public bool WrapProse { get; init; }

    /// <summary>Standard input (the git hook's update lines); tests substitute their own.</summary>
    public TextReader Stdin { get; init; } = System.Console.In;

    public static CliContext ForProcess() => new(
        System.Console.Out,
        System.Console.Error,
        !System.Console.IsOutputRedirected && System.Environment.GetEnvironmentVariable("NO_COLOR") is null && System.Environment.GetEnvironmentVariable("CI") is null,
        TimeProvider.System,
        System.Environment.CurrentDirectory);

    /// <summary>The bound on one written line: generous for a sentence that names several things, finite for hostile input.</summary>
    public const int MaxLineLength = 2000;

    /// <summary>
    /// Writes one line: with colour through the console on a terminal, as plain unwrapped text otherwise (CI logs and
    /// pipes must keep a sentence on one line). <paramref name="markup"/> is Spectre markup with untrusted parts escaped
    /// (<see cref="Output.UntrustedMarkup"/>); as a second guard the whole line is neutralised, so it stays one line.
    /// </summary>
    public void Line(string markup)
    {
        markup = UntrustedText.ForTerminal(markup, MaxLineLength);
        if (Interactive)
        {
            Console.MarkupLine(markup);
        }
        else if (WrapProse)
        {
            foreach (var line in Output.ProseWrap.Lines(Spectre.Console.Markup.Remove(markup), Console.Profile.Width))
            {
                Stdout.WriteLine(line);
            }
        }
        else
        {
            Stdout.WriteLine(Spectre.Console.Markup.Remove(markup));
        }
    }

    /// <summary>
    /// Writes a command for the user to paste, indented, never wrapped whatever the width (a wrapped command breaks
    /// when pasted). <paramref name="commandLine"/> is plain text with its arguments already quoted for a shell.
    /// </summary>
    public void Command(string commandLine)
    {
        Stdout.WriteLine($"  {UntrustedText.ForTerminal(commandLine, MaxLineLength)}");
        Stdout.Flush();
    }

    /// <summary>
    /// The same destinations for a story told on one stream (the demo): errors and notes go to stdout, in order with
    /// the rest, and prose wraps at the console's width.
    /// </summary>
    public CliContext ForStory() => new(Stdout, Stdout, Interactive, Time, WorkingDirectory)
    {
        Environment = Environment,
        Stdin = Stdin,
        WrapProse = true,
    };

    /// <summary>
    /// Writes one line to stderr, <c>countersign: …</c>: a warning, a diagnostic, a note beside the output. The message
    /// often quotes input (a file's text, a name, a path): it is neutralised, so it stays one line.
    /// </summary>
    public void Note(string message) => Stderr.WriteLine($"countersign: {UntrustedText.ForTerminal(message, MaxLineLength)}");

    /// <summary>Writes a one-line error: <c>countersign: error: …</c>. The message may quote input: it is neutralised, so it stays one line.</summary>
    public int Fail(int exitCode, string message)
    {
        Stderr.WriteLine($"countersign: error: {UntrustedText.ForTerminal(message, MaxLineLength)}");
        return exitCode;
    }
}
