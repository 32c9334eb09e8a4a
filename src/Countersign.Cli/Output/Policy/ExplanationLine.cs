namespace Countersign.Cli.Output.Policy;

/// <summary>One line of a result explanation: its indentation level, text (untrusted parts already bounded) and tone.</summary>
internal sealed record ExplanationLine(int Indent, string Text, Tone Tone = Tone.Plain);
