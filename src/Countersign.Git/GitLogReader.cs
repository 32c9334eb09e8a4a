// Over 300 lines on purpose: the streaming parser of git's -z output and its degrade-and-re-read path for missing
// objects share one buffer and one state machine; split, the recovery path would duplicate the record parser.
using System.Diagnostics;
using System.Globalization;
using Countersign.Core.History;

namespace Countersign.Git;

/// <summary>
/// Streams <see cref="CommitRecord"/>s for a list of commits in the given order, parsing
/// <c>git log --no-walk=unsorted --stdin -z --numstat</c> as it arrives.
/// </summary>
/// <remarks>
/// Repositories may lack objects (partial clones, snapshots without large blobs). git then dies in the
/// middle of the stream. The reader re-reads the failing commit alone, degrading from line counts to file
/// names (<c>--raw</c>, which needs trees only) to the bare header, records what was lost in
/// <see cref="CommitRecord.ReadProblem"/>, and resumes after it. When failures dominate (a blob-less
/// partial clone) it switches the rest of the walk to <c>--raw</c> rather than restarting git per commit.
/// </remarks>
public sealed class GitLogReader(GitRepository repository)
{
    /// <summary>Messages longer than this keep their head and tail (where trailers live) around a marker.</summary>
    public const int MaxMessageChars = 64 * 1024;

    private const byte RecordStart = 0x01;
    private const byte FieldSeparator = 0x1f;
    private const string Format = "--format=%x01%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%ad%x1f%cn%x1f%ce%x1f%ct%x1f%cd%x1f%B";

    private readonly Dictionary<string, string> pathPool = new(StringComparer.Ordinal);

    internal enum Mode
    {
        NumStat,
        Raw,
        HeaderOnly,
    }

    /// <summary>Number of commits whose line counts or files could not be read.</summary>
    public int UnreadableCommits { get; private set; }

    public IEnumerable<CommitRecord> Read(IReadOnlyList<string> shas)
    {
        var mode = repository.Kind.IsPartial ? Mode.Raw : Mode.NumStat;
        var failures = 0;
        var index = 0;
        while (index < shas.Count)
        {
            var batch = new ReadBatch();
            foreach (var commit in RunLog(mode, shas, index, batch))
            {
                yield return commit;
            }

            index += batch.Completed.Count;
            if (batch.Succeeded)
            {
                if (index < shas.Count)
                {
                    throw new GitCommandException($"git log returned {batch.Completed.Count} of {shas.Count - index + batch.Completed.Count} commits");
                }

                yield break;
            }

            // The commit being written when git died is the suspect: re-read it alone, degrading.
            if (index >= shas.Count)
            {
                yield break;
            }

            failures++;
            yield return ReadAlone(shas[index], mode);
            index++;
            if (mode == Mode.NumStat && failures > 20 && failures * 10 > index)
            {
                mode = Mode.Raw;
            }
        }
    }

    private CommitRecord ReadAlone(string sha, Mode startMode)
    {
        for (var mode = startMode; mode <= Mode.HeaderOnly; mode++)
        {
            var batch = new ReadBatch();
            var result = RunLog(mode, [sha], 0, batch).ToList();
            if (batch.Succeeded && result.Count == 1)
            {
                if (mode != Mode.NumStat)
                {
                    UnreadableCommits++;
                }

                return result[0];
            }
        }

        throw new GitCommandException($"commit {sha} cannot be read from the repository");
    }

    private sealed class ReadBatch
    {
        public List<string> Completed { get; } = [];

        public bool Succeeded { get; set; }
    }

    private IEnumerable<CommitRecord> RunLog(Mode mode, IReadOnlyList<string> shas, int start, ReadBatch batch)
    {
        var args = new List<string> { "-c", "core.quotePath=false", "log", "--no-walk=unsorted", "--stdin", "-z", "--no-color", "--no-mailmap", "--date=format:%z", Format };
        args.AddRange(mode switch
        {
            Mode.NumStat => ["--numstat"],
            Mode.Raw => ["--raw", "--no-renames", "--no-abbrev"],
            _ => (string[])[],
        });
        using var process = GitProcess.Start(repository.Path, args, redirectStdin: true, bufferedOutput: true);
        var stderr = new StreamDrain(process.StandardError);
        var writer = new Thread(() => WriteShas(process, shas, start)) { IsBackground = true, Name = "git-log-stdin" };
        writer.Start();

        var reader = new ByteStreamReader(process.StandardOutput.BaseStream);
        CommitRecord? pending = null;
        try
        {
            while (true)
            {
                var record = ReadOne(reader, mode);
                if (record is null)
                {
                    break;
                }

                // Hold one record back: if git dies, the last one may be incomplete.
                if (pending is not null)
                {
                    batch.Completed.Add(pending.Sha);
                    yield return pending;
                }

                pending = record;
            }

            process.WaitForExit();
            writer.Join();
            _ = stderr.Text;
            batch.Succeeded = process.ExitCode == 0;
            if (pending is not null && batch.Succeeded)
            {
                batch.Completed.Add(pending.Sha);
                yield return pending;
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }

    private static void WriteShas(Process process, IReadOnlyList<string> shas, int start)
    {
        try
        {
            // git reads every revision from stdin before it writes anything, so the list goes in whole pipe-sized
            // writes: the process's writer flushes after each line, one write (and one read by git) per commit.
            var stdin = process.StandardInput.BaseStream;
            var chunk = new byte[1 << 16];
            var used = 0;
            for (var i = start; i < shas.Count; i++)
            {
                var sha = shas[i];
                if (used + GitProcess.Utf8.GetMaxByteCount(sha.Length) + 1 > chunk.Length)
                {
                    stdin.Write(chunk, 0, used);
                    used = 0;
                }

                used += GitProcess.Utf8.GetBytes(sha, chunk.AsSpan(used));
                chunk[used++] = (byte)'\n';
            }

            stdin.Write(chunk, 0, used);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // git stopped reading (it died); the reader side reports it.
        }
    }

    internal CommitRecord? ReadOne(ByteStreamReader reader, Mode mode)
    {
        while (reader.Peek() is var b && b != RecordStart)
        {
            if (b < 0)
            {
                return null;
            }

            reader.Read();
        }

        reader.Read();
        var header = reader.ReadUntil(0, out var complete);
        if (!complete)
        {
            return null;
        }

        var fields = new string[11];
        var rest = header;
        for (var i = 0; i < 10; i++)
        {
            var cut = rest.IndexOf(FieldSeparator);
            if (cut < 0)
            {
                return null;
            }

            fields[i] = GitProcess.Utf8.GetString(rest[..cut]);
            rest = rest[(cut + 1)..];
        }

        fields[10] = BoundMessage(GitProcess.Utf8.GetString(rest));
        if (reader.Peek() == '\n')
        {
            reader.Read();
        }

        var files = mode switch
        {
            Mode.NumStat => ReadNumStat(reader),
            Mode.Raw => ReadRaw(reader),
            _ => [],
        };

        var parents = fields[1].Length == 0 ? [] : fields[1].Split(' ');
        return new CommitRecord(
            fields[0],
            parents,
            new GitIdentity(fields[2], fields[3], ParseTime(fields[4], fields[5])),
            new GitIdentity(fields[6], fields[7], ParseTime(fields[8], fields[9])),
            fields[10],
            files,
            mode switch
            {
                Mode.NumStat => CommitReadProblem.None,
                Mode.Raw => CommitReadProblem.LineStatsMissing,
                _ => CommitReadProblem.FilesMissing,
            });
    }

    private List<FileChange> ReadNumStat(ByteStreamReader reader)
    {
        var files = new List<FileChange>();
        while (reader.Peek() is var b && b >= 0 && b != RecordStart)
        {
            var added = ParseCount(reader.ReadUntil((byte)'\t', out _));
            var deleted = ParseCount(reader.ReadUntil((byte)'\t', out _));
            var path = reader.ReadUntil(0, out _);
            string? oldPath = null;
            string newPath;
            if (path.IsEmpty)
            {
                oldPath = Intern(reader.ReadUntil(0, out _));
                newPath = Intern(reader.ReadUntil(0, out _));
            }
            else
            {
                newPath = Intern(path);
            }

            var binary = added is null && deleted is null;
            files.Add(new FileChange(newPath, added, deleted, binary, oldPath));
        }

        return files;
    }

    private List<FileChange> ReadRaw(ByteStreamReader reader)
    {
        var files = new List<FileChange>();
        while (reader.Peek() == ':')
        {
            reader.ReadUntil(0, out _); // ":mode mode sha sha status"
            var path = Intern(reader.ReadUntil(0, out _));
            files.Add(new FileChange(path, null, null));
        }

        return files;
    }

    private static int? ParseCount(ReadOnlySpan<byte> digits)
    {
        if (digits.Length == 0 || digits[0] == '-')
        {
            return null;
        }

        var value = 0;
        foreach (var d in digits)
        {
            value = (value * 10) + (d - '0');
        }

        return value;
    }

    private string Intern(ReadOnlySpan<byte> bytes)
    {
        var text = GitProcess.Utf8.GetString(bytes);
        if (pathPool.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        pathPool[text] = text;
        return text;
    }

    /// <summary>
    /// A commit's time from git's <c>%at</c> and <c>%ad</c> (<c>--date=format:%z</c>). A hostile or broken commit can carry
    /// any number there: seconds beyond what <see cref="DateTimeOffset"/> holds are clamped to its range (a day in, so an
    /// offset still applies), and a zone that is not <c>±HHMM</c> within ±14:00 is read as UTC.
    /// </summary>
    internal static DateTimeOffset ParseTime(string unixSeconds, string zone)
    {
        const long MinSeconds = -62135596800 + 86400;
        const long MaxSeconds = 253402300799 - 86400;
        var seconds = long.TryParse(unixSeconds, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, MinSeconds, MaxSeconds) : 0;
        var when = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (zone.Length == 5 && zone[0] is '+' or '-' && !zone.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            var offset = new TimeSpan(((zone[1] - '0') * 10) + zone[2] - '0', ((zone[3] - '0') * 10) + zone[4] - '0', 0);
            if (offset <= TimeSpan.FromHours(14))
            {
                return when.ToOffset(zone[0] == '-' ? -offset : offset);
            }
        }

        return when;
    }

    /// <summary>Bounds a huge message, keeping both ends: trailers are at the end, the subject at the start.</summary>
    internal static string BoundMessage(string message)
    {
        if (message.Length <= MaxMessageChars)
        {
            return message;
        }

        var half = (MaxMessageChars / 2) - 64;
        return string.Concat(message.AsSpan(0, half), $"\n\n[… {message.Length - (2 * half)} characters omitted by countersign …]\n\n", message.AsSpan(message.Length - half));
    }
}
