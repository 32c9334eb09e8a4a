using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Countersign.Git;

/// <summary>
/// Reads objects by name (<c>&lt;sha&gt;</c> or <c>&lt;commit&gt;:&lt;path&gt;</c>) through one long-lived
/// <c>git cat-file --batch</c> process. Missing objects return null instead of failing, because partial
/// clones and snapshots lack blobs. Objects above <see cref="MaxObjectBytes"/> are skipped (null).
/// Not thread-safe.
/// </summary>
public sealed class GitBlobReader : IDisposable
{
    public const int MaxObjectBytes = 64 * 1024 * 1024;

    private readonly Process process;
    private readonly Stream stdout;
    private readonly StreamWriter stdin;

    public GitBlobReader(string repositoryPath)
    {
        process = GitProcess.Start(repositoryPath, ["cat-file", "--batch"], redirectStdin: true);
        stdout = process.StandardOutput.BaseStream;
        stdin = process.StandardInput;
        stdin.AutoFlush = false;
        stdin.NewLine = "\n";
        _ = new StreamDrain(process.StandardError);
    }

    /// <summary>Returns the object's bytes, or null when it is missing, not readable, or too large.</summary>
    public byte[]? TryRead(string objectName)
    {
        if (objectName.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        stdin.WriteLine(objectName);
        stdin.Flush();
        var header = ReadLine();
        if (header is null)
        {
            throw new GitCommandException("git cat-file ended unexpectedly");
        }

        // "<sha> <type> <size>" or "<name> missing" / "<name> ambiguous".
        var parts = header.Split(' ');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var content = new byte[size];
        ReadExactly(content);
        ReadExactly(new byte[1]); // trailing LF
        return size > MaxObjectBytes ? null : content;
    }

    private void ReadExactly(byte[] buffer)
    {
        var offset = 0;
        while (offset < buffer.Length)
        {
            var n = stdout.Read(buffer, offset, buffer.Length - offset);
            if (n == 0)
            {
                throw new GitCommandException("git cat-file ended unexpectedly");
            }

            offset += n;
        }
    }

    private string? ReadLine()
    {
        var bytes = new List<byte>(64);
        while (true)
        {
            var b = stdout.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            }

            if (b == '\n')
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add((byte)b);
        }
    }

    public void Dispose()
    {
        try
        {
            stdin.Close();
            if (!process.WaitForExit(2000))
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (IOException)
        {
        }

        process.Dispose();
    }
}
