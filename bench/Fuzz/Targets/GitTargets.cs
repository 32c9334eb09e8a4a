using Countersign.Git;

namespace Countersign.Fuzz;

/// <summary>
/// <c>git log -z</c> output: the framing is git's, but names, e-mails, dates, messages and paths come from the
/// repository, which may be hostile. The reader must never throw on what git prints.
/// </summary>
internal static class GitTargets
{
    private static readonly string[] LogTokens =
    [
        "\u0001", "\u001f", "\0", "\t", "\n", "-\t-\t", "0\t0\t", "\t\0", "99999999999", "-99999999999", "+9999", "-1459", "+1460", "+0000", "-0000",
        "+14", "253402300800", "-62135596801", "9223372036854775807", ":100644 100644 ", " M\0", "\0\0",
    ];

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("git-log", GitLog, null, LogTokens, Bytes: true),
    ];

    private static void GitLog(string latin1)
    {
        var bytes = new byte[latin1.Length];
        for (var i = 0; i < latin1.Length; i++)
        {
            bytes[i] = (byte)latin1[i];
        }

        foreach (var mode in (GitLogReader.Mode[])[GitLogReader.Mode.NumStat, GitLogReader.Mode.Raw, GitLogReader.Mode.HeaderOnly])
        {
            var log = new GitLogReader(null!);
            var reader = new ByteStreamReader(new MemoryStream(bytes, writable: false));
            while (log.ReadOne(reader, mode) is not null)
            {
            }
        }
    }
}
