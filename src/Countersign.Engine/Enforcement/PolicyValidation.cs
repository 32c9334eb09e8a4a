using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Compilation;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What <c>policy validate</c> decides: a policy file on disk compiled against the working tree's organisation
/// directory (or one given instead), and every trusted file of the working tree checked beside it
/// (<see cref="TrustedFilesCheck"/>). Valid when nothing has an error.
/// </summary>
/// <param name="Files">Every file read: the policy, the files it extends, the directory given, the trusted files found.</param>
/// <param name="Diagnostics">The policy's problems first, then the directory's, then the other trusted files'.</param>
/// <param name="Compiled">The policy as compiled (its rules and freezes, when it compiled).</param>
public sealed record PolicyValidation(IReadOnlyList<string> Files, IReadOnlyList<Diagnostic> Diagnostics, PolicyCompileResult Compiled)
{
    public int ErrorCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    public bool IsValid => ErrorCount == 0 && Compiled.Policy is not null;

    /// <summary>An organisation directory read from another file than the working tree's (<c>--org</c>).</summary>
    /// <param name="Path">How messages and the file list name it.</param>
    /// <param name="Directory">The directory as read.</param>
    /// <param name="Diagnostics">Its problems, replacing those of the working tree's directory.</param>
    public sealed record OtherDirectory(string Path, OrgDirectory Directory, IReadOnlyList<Diagnostic> Diagnostics);

    /// <summary>Validates the policy at <paramref name="policyFullPath"/> (named <paramref name="policyDisplay"/>) in the working tree at <paramref name="root"/>.</summary>
    public static PolicyValidation Run(string root, string policyFullPath, string policyDisplay, OtherDirectory? directoryInstead = null)
    {
        var trusted = TrustedFilesCheck.Run(root);
        var diagnostics = trusted.Diagnostics.ToList();
        var directory = trusted.Configuration.Directory;
        if (directoryInstead is not null)
        {
            directory = directoryInstead.Directory;
            diagnostics.RemoveAll(TrustedFilesCheck.IsDirectoryFile);
            diagnostics.InsertRange(0, directoryInstead.Diagnostics);
        }

        var extended = new List<string>();
        var compiled = PolicyFile.LoadFromDisk(policyFullPath, policyDisplay, directory, extended);
        diagnostics.InsertRange(0, compiled.Diagnostics);
        var files = new[] { policyDisplay }.Concat(extended)
            .Concat(directoryInstead is null ? [] : [directoryInstead.Path])
            .Concat(trusted.Checked)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new PolicyValidation(files, diagnostics, compiled);
    }
}
