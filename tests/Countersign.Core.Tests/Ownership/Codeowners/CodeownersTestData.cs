using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

/// <summary>Reads the real CODEOWNERS files copied into Data/ (origins in Data/SOURCES.md).</summary>
internal static class CodeownersTestData
{
    public static CodeownersParseResult Parse(string name, CodeownersFlavor flavor) =>
        CodeownersParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ownership", "Codeowners", "Data", name)), name, flavor);

    public static CodeownersFile GitHub(string text) => CodeownersParser.Parse(text, "CODEOWNERS", CodeownersFlavor.GitHub).File;

    public static CodeownersFile GitLab(string text) => CodeownersParser.Parse(text, "CODEOWNERS", CodeownersFlavor.GitLab).File;
}
