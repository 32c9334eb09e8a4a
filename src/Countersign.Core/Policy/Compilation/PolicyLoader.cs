using Countersign.Core.Organisation;

namespace Countersign.Core.Policy.Compilation;

/// <summary>Parse and compile in one call.</summary>
public static class PolicyLoader
{
    /// <summary>Parses and compiles a policy file; see <see cref="PolicyCompiler.Compile"/>.</summary>
    /// <param name="text">The policy file's text.</param>
    /// <param name="source">How diagnostics name the file.</param>
    /// <param name="org">The org directory that level, team and person names are checked against.</param>
    /// <param name="readExtended">Reads a file named in <c>extends</c> by its path relative to the policy's folder, or null when it does not exist.</param>
    public static PolicyCompileResult Load(string text, string source, OrgDirectory org, Func<string, (string Text, string Source)?> readExtended) =>
        PolicyCompiler.Compile(PolicyParser.Parse(text, source), org, readExtended);
}
