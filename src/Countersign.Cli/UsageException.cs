namespace Countersign.Cli;

/// <summary>
/// A command-line mistake found while a command runs (an output path that is a folder, say): the top level prints
/// the message and exits 2, as for the parser's own errors. The message names the option and the value.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
