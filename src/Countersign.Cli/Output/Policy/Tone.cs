namespace Countersign.Cli.Output.Policy;

/// <summary>How a line of an explanation should stand out on a terminal.</summary>
internal enum Tone
{
    Plain,
    Good,
    Bad,
    Warn,
    Quiet,
    Heading,
}
