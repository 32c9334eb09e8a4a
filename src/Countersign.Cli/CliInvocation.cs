using System.Reflection;

namespace Countersign.Cli;

/// <summary>
/// How to run countersign again, as a command a user can paste: <c>countersign</c> when it is on PATH, otherwise the
/// program that is running now (after <c>dotnet run</c>, the built executable; under <c>dotnet countersign.dll</c>,
/// that form). Paths are quoted for POSIX shells when they need it.
/// </summary>
internal static class CliInvocation
{
    public const string ToolName = "countersign";

    /// <summary>The command prefix for this process.</summary>
    public static string Current(Func<string, string?> environment) =>
        Describe(Environment.ProcessPath, Assembly.GetEntryAssembly()?.Location, environment("PATH"));

    /// <summary>The command prefix for a process running <paramref name="processPath"/> with <paramref name="entryAssembly"/>, given PATH.</summary>
    public static string Describe(string? processPath, string? entryAssembly, string? pathVariable)
    {
        if (IsOnPath(pathVariable))
        {
            return ToolName;
        }

        var program = processPath is null ? "" : Path.GetFileNameWithoutExtension(processPath);
        if (string.Equals(program, ToolName, StringComparison.OrdinalIgnoreCase))
        {
            return ShellQuote(processPath!);
        }

        if (string.Equals(program, "dotnet", StringComparison.OrdinalIgnoreCase) && entryAssembly is { Length: > 0 }
            && string.Equals(Path.GetFileName(entryAssembly), ToolName + ".dll", StringComparison.OrdinalIgnoreCase))
        {
            return $"dotnet {ShellQuote(entryAssembly)}";
        }

        return ToolName;
    }

    /// <summary>The text as one word for a POSIX shell: unchanged when it is safe, else in single quotes.</summary>
    public static string ShellQuote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:,=+@%".Contains(c, StringComparison.Ordinal))
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsOnPath(string? pathVariable) =>
        (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, ToolName)) || File.Exists(Path.Combine(dir, ToolName + ".exe")));
}
