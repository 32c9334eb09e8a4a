namespace Countersign.Cli;

/// <summary>
/// Checks a path an option names for writing (<c>--commits-out</c>, <c>--db</c>) before any work is done, so a
/// mistake is a usage error naming the option and the path (exit 2), not a failure after the work (exit 3).
/// </summary>
internal static class OutputPath
{
    /// <summary>The full path, or a <see cref="UsageException"/> when it is a folder or lies under a file.</summary>
    public static string Require(string option, string path, string workingDirectory)
    {
        var full = Path.GetFullPath(path, workingDirectory);
        if (Problem(full) is { } problem)
        {
            throw new UsageException($"{option} {full}: {problem}");
        }

        return full;
    }

    /// <summary>
    /// Like <see cref="Require"/>, and also proves the file can be written by creating (and removing) a file of
    /// that name beside it, for outputs written only at the end of a long command.
    /// </summary>
    public static string RequireWritable(string option, string path, string workingDirectory)
    {
        var full = Require(option, path, workingDirectory);
        var probe = full + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (File.Open(probe, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {full}: cannot be written: {e.Message}");
        }

        return full;
    }

    private static string? Problem(string full)
    {
        if (Directory.Exists(full))
        {
            return "is a folder; give the name of a file (in it or elsewhere)";
        }

        for (var folder = Path.GetDirectoryName(full); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return $"{folder} is a file, not a folder";
            }

            if (Directory.Exists(folder))
            {
                break;
            }
        }

        return null;
    }
}
