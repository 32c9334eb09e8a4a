using System.Diagnostics;
using System.Globalization;

namespace Countersign.Git;

/// <summary>
/// Computes a <see cref="PatchIdentity"/> with one <c>git diff</c> and one <c>git patch-id --stable</c>: the diff is
/// cut at each <c>diff --git</c> line and every file's section is preceded by a fake <c>commit &lt;n&gt;</c> header,
/// which patch-id takes as the start of a new patch and echoes next to that patch's id, so each output line maps
/// back to its file. The whole diff's id is the sum of the file ids, exactly as patch-id's stable mode sums them.
/// </summary>
/// <remarks>
/// Summing also keeps the id meaningful for binary files, whose literal data makes git before 2.40 end a patch
/// early. The diff options pin git's defaults, so a user's <c>diff.*</c> configuration (algorithm, context lines,
/// prefixes, external drivers, text conversion, path quoting) cannot change an id from one machine to another.
/// </remarks>
internal static class PatchIdReader
{
    private static readonly string[] DiffArguments =
    [
        "-c", "core.quotePath=true", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--full-index", "--binary",
        "--src-prefix=a/", "--dst-prefix=b/", "--no-relative", "-U3", "--inter-hunk-context=0", "--diff-algorithm=myers",
        "--indent-heuristic", "--submodule=short", "--ignore-submodules=none",
    ];

    /// <param name="repositoryPath">Where to run git.</param>
    /// <param name="fromSha">Full id of the old side.</param>
    /// <param name="toSha">Full id of the new side; its length (40 or 64) sets the width of the fake headers.</param>
    public static PatchIdentity Read(string repositoryPath, string fromSha, string toSha)
    {
        using var diff = GitProcess.Start(repositoryPath, [.. DiffArguments, fromSha, toSha, "--"], bufferedOutput: true);
        using var patchId = GitProcess.Start(repositoryPath, ["patch-id", "--stable"], redirectStdin: true, bufferedOutput: true);
        var diffErrors = new StreamDrain(diff.StandardError);
        var patchIdErrors = new StreamDrain(patchId.StandardError);
        var paths = new List<string>();
        Exception? pumpFailure = null;
        var pump = new Thread(() =>
        {
            try
            {
                Pump(diff, patchId, toSha.Length, paths);
            }
            catch (IOException e)
            {
                pumpFailure = e;
            }
        }) { IsBackground = true, Name = "git-patch-id-stdin" };
        pump.Start();

        var ids = new Dictionary<int, string>();
        try
        {
            while (patchId.StandardOutput.ReadLine() is { } line)
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var index))
                {
                    ids[index] = parts[0];
                }
            }
        }
        finally
        {
            pump.Join();
            diff.WaitForExit();
            patchId.WaitForExit();
        }

        if (diff.ExitCode != 0)
        {
            var error = GitProcess.FirstErrorLine(diffErrors.Text) ?? $"git diff exited with {diff.ExitCode}";
            throw new GitCommandException($"cannot diff {fromSha[..Math.Min(12, fromSha.Length)]}..{toSha[..Math.Min(12, toSha.Length)]}: {error}");
        }

        if (patchId.ExitCode != 0 || pumpFailure is not null)
        {
            var error = GitProcess.FirstErrorLine(patchIdErrors.Text) ?? pumpFailure?.Message ?? $"exited with {patchId.ExitCode}";
            throw new GitCommandException($"git patch-id failed: {error}");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? total = null;
        foreach (var (index, id) in ids.Where(x => x.Key >= 1 && x.Key <= paths.Count))
        {
            var path = paths[index - 1];

            // A file whose type changes (file ↔ symlink) is two sections, a deletion and a creation: its id is their sum.
            files[path] = files.TryGetValue(path, out var earlier) ? Sum(earlier, id) : id;
            total = total is null ? id : Sum(total, id);
        }

        return new PatchIdentity(total ?? "", files);
    }

    /// <summary>Copies the diff to patch-id's stdin, inserting a numbered header before each file's section.</summary>
    private static void Pump(Process diff, Process patchId, int hexWidth, List<string> paths)
    {
        var reader = new ByteStreamReader(diff.StandardOutput.BaseStream);
        var output = new BufferedStream(patchId.StandardInput.BaseStream, 1 << 16);
        try
        {
            while (true)
            {
                var line = reader.ReadUntil((byte)'\n', out var found);
                if (!found && line.IsEmpty)
                {
                    break;
                }

                if (DiffHeader.IsHeader(line))
                {
                    paths.Add(DiffHeader.PathOf(line) ?? GitProcess.Utf8.GetString(line));
                    var header = "commit " + paths.Count.ToString("x", CultureInfo.InvariantCulture).PadLeft(hexWidth, '0') + "\n";
                    output.Write(GitProcess.Utf8.GetBytes(header));
                }

                output.Write(line);
                output.WriteByte((byte)'\n');
            }
        }
        finally
        {
            output.Flush();
            patchId.StandardInput.Close();
        }
    }

    /// <summary>Adds two ids as patch-id's stable mode does: byte by byte from the first, carrying into the next.</summary>
    internal static string Sum(string a, string b)
    {
        var x = Convert.FromHexString(a);
        var y = Convert.FromHexString(b);
        var carry = 0;
        for (var i = 0; i < x.Length; i++)
        {
            carry += x[i] + y[i];
            x[i] = (byte)carry;
            carry >>= 8;
        }

        return Convert.ToHexStringLower(x);
    }
}
