using Countersign.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Countersign.Server.Logging;

/// <summary>
/// The plain-text console log: one line per event, <c>2026-01-31T09:00:00.000Z info: Category[id] message</c>.
/// Messages carry values from outside (request paths, commit titles, user names, SCIM values): the whole message is
/// neutralised (<see cref="UntrustedText.ForTerminal"/>), so a newline in a value cannot forge a log line and an escape
/// sequence cannot reach the operator's terminal. An exception follows on indented lines, each neutralised too.
/// The JSON log needs none of this: JSON escaping already keeps every value inside its string.
/// </summary>
internal sealed class NeutralisingConsoleFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "countersign";

    /// <summary>Long enough for any message the server writes; finite for a hostile value.</summary>
    public const int MaxMessageLength = 4000;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, null);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        textWriter.Write($"{stamp} {Level(logEntry.LogLevel)}: {UntrustedText.ForTerminal(logEntry.Category, 200)}[{logEntry.EventId.Id}] ");
        textWriter.WriteLine(UntrustedText.ForTerminal(message, MaxMessageLength));
        if (logEntry.Exception is { } exception)
        {
            foreach (var line in exception.ToString().ReplaceLineEndings("\n").Split('\n'))
            {
                textWriter.WriteLine($"    {UntrustedText.ForTerminal(line, MaxMessageLength)}");
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
