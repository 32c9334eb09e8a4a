using Countersign.Server.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Countersign.Server.Tests.Logging;

public sealed class NeutralisingConsoleFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static string Format(LogLevel level, string message, Exception? exception = null)
    {
        var formatter = new NeutralisingConsoleFormatter(new FixedTime(Now));
        var writer = new StringWriter();
        var entry = new LogEntry<string>(level, "Countersign.Server.Scim", new EventId(7), message, exception, (state, _) => state);
        formatter.Write(entry, null, writer);
        return writer.ToString();
    }

    [Fact]
    public void AnEventIsOneTimestampedLineWithLevelCategoryAndMessage() =>
        Assert.Equal("2026-03-02T10:00:00.000Z info: Countersign.Server.Scim[7] Created user dana\n", Format(LogLevel.Information, "Created user dana").ReplaceLineEndings("\n"));

    [Fact]
    public void ANewlineInALoggedValueCannotForgeALogLine()
    {
        var written = Format(LogLevel.Warning, "Created user eve\n2026-03-02T10:00:01.000Z info: Countersign.Server.Auth[0] admin token revoked").ReplaceLineEndings("\n");

        Assert.Single(written.TrimEnd('\n').Split('\n'));
        Assert.Contains("eve\\n2026-03-02T10:00:01.000Z", written, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeSequencesInALoggedValueNeverReachTheOperatorsTerminal()
    {
        var written = Format(LogLevel.Information, "Loaded change 'fix \u001b]0;PWNED\u0007\u001b[2J\u202e'");

        Assert.DoesNotContain('\u001b', written);
        Assert.DoesNotContain('\u0007', written);
        Assert.DoesNotContain('\u202e', written);
        Assert.Contains("fix \\x1b]0;PWNED\\x07\\x1b[2J\\u202e", written, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExceptionFollowsOnIndentedLinesSoItCannotStartALineEither()
    {
        var written = Format(LogLevel.Error, "Unhandled failure", new InvalidOperationException("bad title\r\n2026-03-02T10:00:01.000Z info: forged")).ReplaceLineEndings("\n");

        var lines = written.TrimEnd('\n').Split('\n');
        Assert.StartsWith("2026-03-02T10:00:00.000Z fail: ", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("    ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("2026-03-02T10:00:01", StringComparison.Ordinal));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
