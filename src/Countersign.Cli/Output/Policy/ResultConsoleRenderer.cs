using Countersign.Core.Text;
using Spectre.Console;

namespace Countersign.Cli.Output.Policy;

/// <summary>Writes explanation lines to a terminal: indentation and colour, every piece of text escaped as markup.</summary>
internal static class ResultConsoleRenderer
{
    /// <summary>
    /// On a terminal: coloured lines. Otherwise (CI logs, pipes, the git hook) plain text that is never wrapped, so a
    /// sentence stays on one line whatever the width.
    /// </summary>
    public static void Render(CliContext context, IReadOnlyList<ExplanationLine> lines)
    {
        if (!context.Interactive)
        {
            context.Stdout.Write(context.WrapProse ? Wrapped(lines, context.Console.Profile.Width) : Plain(lines));
            return;
        }

        var console = context.Console;
        foreach (var line in lines)
        {
            var style = line.Tone switch
            {
                Tone.Good => "green",
                Tone.Bad => "red",
                Tone.Warn => "yellow",
                Tone.Quiet => "grey",
                Tone.Heading => "bold",
                _ => null,
            };
            var text = new string(' ', line.Indent * 2) + Markup.Escape(OneLine(line));
            console.MarkupLine(style is null || line.Text.Length == 0 ? text : $"[{style}]{text}[/]");
        }
    }

    /// <summary>The same lines as plain text (for the git hook, whose output goes to the pusher's terminal verbatim).</summary>
    public static string Plain(IReadOnlyList<ExplanationLine> lines) =>
        string.Join('\n', lines.Select(l => new string(' ', l.Indent * 2) + OneLine(l))) + "\n";

    /// <summary>The same lines word-wrapped to <paramref name="width"/>, each continuing under its own indentation (the demo's story).</summary>
    public static string Wrapped(IReadOnlyList<ExplanationLine> lines, int width) =>
        string.Concat(lines.SelectMany(l => ProseWrap.Lines(OneLine(l), width, l.Indent * 2)).Select(l => l + "\n"));

    /// <summary>
    /// A line's text as one terminal line. Core's sentences quote paths, names and team names; whatever they hold,
    /// a line can neither steer the terminal nor start a new line (a path holding "\n✔ satisfied" stays inside its line).
    /// </summary>
    private static string OneLine(ExplanationLine line) => UntrustedText.ForTerminal(line.Text, CliContext.MaxLineLength);
}
