using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;

namespace Countersign.Cli.Enforcement;

/// <summary>The configuration files as they are in the working tree (what an author edits and validates before committing).</summary>
internal static class WorkingTreeFiles
{
    public const string OrgPath = ".countersign/org.yaml";

    /// <summary>The org directory at <paramref name="path"/>, or <see cref="OrgDirectory.Empty"/> when the default file is absent.</summary>
    public static OrgDirectory LoadOrg(CliContext context, string path, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var full = Path.GetFullPath(path, context.WorkingDirectory);
        if (!File.Exists(full))
        {
            diagnostics = path == OrgPath ? [] : [Diagnostic.Error(path, "org directory file not found")];
            return OrgDirectory.Empty;
        }

        var parsed = OrgDirectoryReader.Read(File.ReadAllText(full), path);
        diagnostics = parsed.Diagnostics;
        return parsed.Directory;
    }
}
