using System.Diagnostics;
using System.Text;

namespace Countersign.Demo;

/// <summary>
/// Runs the git executable for the demo with an environment that ignores the user's system and global config
/// (no signing, no hooks from templates, no autocrlf) and a fixed identity, so the result is the same everywhere.
/// </summary>
internal static class DemoGit
{
    public static readonly DemoSignature Identity = new("Countersign Demo", "demo@countersign.invalid", TimeSpan.Zero);

    public static string Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, null, arguments);

    /// <summary>Runs git with extra environment variables (an author or committer other than the demo identity).</summary>
    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments, redirectStdin: false, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.GetAwaiter().GetResult()
            : throw new DemoWorkspaceException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Trim()}");
    }

    public static Process Start(string workingDirectory, IEnumerable<string> arguments, bool redirectStdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in (string[])["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", .. arguments])
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_AUTHOR_NAME"] = Identity.Name;
        psi.Environment["GIT_AUTHOR_EMAIL"] = Identity.Email;
        psi.Environment["GIT_COMMITTER_NAME"] = Identity.Name;
        psi.Environment["GIT_COMMITTER_EMAIL"] = Identity.Email;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        try
        {
            return Process.Start(psi) ?? throw new DemoWorkspaceException("could not start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DemoWorkspaceException($"the demo needs the git executable on PATH: {e.Message}");
        }
    }
}
