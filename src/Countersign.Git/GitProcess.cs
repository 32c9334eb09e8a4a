using System.Diagnostics;
using System.Text;

namespace Countersign.Git;

/// <summary>
/// Starts the git executable with a controlled environment: no prompts, no lazy fetching of missing
/// objects from a promisor remote (a scan must never turn into a network download), no pager, no
/// replacement of messages by the user's config.
/// </summary>
internal static class GitProcess
{
    /// <remarks>With <paramref name="bufferedOutput"/> git fills whole buffers instead of flushing after each record
    /// (<c>GIT_FLUSH=0</c>); only for streams read to the end, never for request/response protocols.</remarks>
    /// <remarks>Variables in <c>environment</c> are added to git's (credentials travel there, never in arguments).</remarks>
    public static Process Start(string workingDirectory, IEnumerable<string> arguments, bool redirectStdin = false, bool bufferedOutput = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["GIT_NO_LAZY_FETCH"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_PAGER"] = "cat";
        psi.Environment["LC_ALL"] = "C";
        if (bufferedOutput)
        {
            psi.Environment["GIT_FLUSH"] = "0";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        try
        {
            return Process.Start(psi) ?? throw new GitCommandException("could not start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitCommandException($"could not start git: {e.Message} (is git installed and on PATH?)");
        }
    }

    /// <summary>Runs git to completion and returns (exit code, stdout, stderr).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, IEnumerable<string> arguments, string? stdin = null)
    {
        // Output is read to the end, so git may buffer it (rev-list otherwise writes one syscall per commit).
        using var process = Start(workingDirectory, arguments, stdin is not null, bufferedOutput: true);
        var stderr = new StreamDrain(process.StandardError);
        if (stdin is not null)
        {
            var writer = new Thread(() =>
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }) { IsBackground = true };
            writer.Start();
        }

        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Text);
    }

    /// <summary>Runs git and returns stdout, or throws <see cref="GitCommandException"/> with git's first error line.</summary>
    public static string RunChecked(string workingDirectory, IEnumerable<string> arguments, string? stdin = null)
    {
        var (code, stdout, stderr) = Run(workingDirectory, arguments, stdin);
        if (code != 0)
        {
            throw new GitCommandException(FirstErrorLine(stderr) ?? $"git exited with code {code}");
        }

        return stdout;
    }

    public static string? FirstErrorLine(string stderr)
    {
        foreach (var line in stderr.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith("fatal:", StringComparison.Ordinal) || t.StartsWith("error:", StringComparison.Ordinal))
            {
                return t;
            }
        }

        var first = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first;
    }

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
}
