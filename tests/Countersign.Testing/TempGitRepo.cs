using System.Diagnostics;
using System.Text;

namespace Countersign.Testing;

/// <summary>
/// A real git repository in a temporary folder, driven through the git executable, deleted on dispose.
/// Tests use it to tell a story: commit as someone, branch, merge, clone, then scan and assert.
/// </summary>
public sealed class TempGitRepo : IDisposable
{
    private static int counter;
    private DateTimeOffset clock = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private TempGitRepo(string path) => Path = path;

    public string Path { get; }

    /// <summary>Default identity used by <see cref="Commit"/> when none is given.</summary>
    public (string Name, string Email) DefaultAuthor { get; set; } = ("Alice Human", "alice@example.com");

    public static TempGitRepo Create(bool bare = false)
    {
        var dir = NewTempDirectory("repo");
        var repo = new TempGitRepo(dir);
        repo.Git(bare ? "init -q --bare -b main" : "init -q -b main");
        if (!bare)
        {
            repo.Git("config user.name \"Test Runner\"");
            repo.Git("config user.email runner@example.com");
            repo.Git("config commit.gpgsign false");
        }

        return repo;
    }

    /// <summary>Clones <paramref name="source"/> with extra git clone arguments such as <c>--bare</c>, <c>--depth 3</c> or <c>--filter=blob:none</c>.</summary>
    public static TempGitRepo CloneFrom(TempGitRepo source, string cloneArguments)
    {
        var dir = NewTempDirectory("clone");
        Directory.Delete(dir);
        RunGit(System.IO.Path.GetTempPath(), $"clone -q {cloneArguments} \"file://{source.Path}\" \"{dir}\"");
        return new TempGitRepo(dir);
    }

    public static string NewTempDirectory(string prefix)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "countersign-tests",
            $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void WriteFile(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void WriteBytes(string relativePath, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    /// <summary>
    /// Writes the given files, stages everything and commits with the exact message given (no cleanup of
    /// trailers), as the given author and committer. Each commit advances a fake clock by one hour.
    /// Returns the new commit's sha.
    /// </summary>
    public string Commit(
        string message,
        IReadOnlyDictionary<string, string>? files = null,
        (string Name, string Email)? author = null,
        (string Name, string Email)? committer = null,
        DateTimeOffset? when = null)
    {
        foreach (var (path, content) in files ?? new Dictionary<string, string> { [$"file-{counter}-{Guid.NewGuid():N}.txt"] = "x\n" })
        {
            WriteFile(path, content);
        }

        clock = when ?? clock.AddHours(1);
        var a = author ?? DefaultAuthor;
        var c = committer ?? a;
        var env = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = a.Name,
            ["GIT_AUTHOR_EMAIL"] = a.Email,
            ["GIT_AUTHOR_DATE"] = clock.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            ["GIT_COMMITTER_NAME"] = c.Name,
            ["GIT_COMMITTER_EMAIL"] = c.Email,
            ["GIT_COMMITTER_DATE"] = clock.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        };
        Git("add -A");
        var msgFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cs-msg-{Guid.NewGuid():N}");
        File.WriteAllText(msgFile, message);
        try
        {
            Git($"commit -q --allow-empty --cleanup=verbatim -F \"{msgFile}\"", env);
        }
        finally
        {
            File.Delete(msgFile);
        }

        return Git("rev-parse HEAD").Trim();
    }

    /// <summary>Commits a message given as raw bytes (e.g. Latin-1), to test non-UTF-8 input.</summary>
    public string CommitRawMessage(byte[] message, string? encoding = null)
    {
        WriteFile($"raw-{Guid.NewGuid():N}.txt", "raw\n");
        Git("add -A");
        var msgFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cs-msg-{Guid.NewGuid():N}");
        File.WriteAllBytes(msgFile, message);
        try
        {
            var enc = encoding is null ? "" : $"-c i18n.commitEncoding={encoding} ";
            Git($"{enc}commit -q --cleanup=verbatim -F \"{msgFile}\"");
        }
        finally
        {
            File.Delete(msgFile);
        }

        return Git("rev-parse HEAD").Trim();
    }

    /// <summary>Runs git in this repository and returns stdout; throws with stderr on failure.</summary>
    public string Git(string arguments, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null) =>
        RunGit(Path, arguments, environment, stdin);

    public static string RunGit(string workingDirectory, string arguments, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["HOME"] = System.IO.Path.GetTempPath();
        psi.Environment["GIT_AUTHOR_NAME"] = "Test Runner";
        psi.Environment["GIT_AUTHOR_EMAIL"] = "runner@example.com";
        psi.Environment["GIT_COMMITTER_NAME"] = "Test Runner";
        psi.Environment["GIT_COMMITTER_EMAIL"] = "runner@example.com";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var stdout = stdoutTask.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed ({process.ExitCode}): {stderr}");
        }

        return stdout;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
