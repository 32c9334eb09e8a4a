namespace Countersign.Demo;

/// <summary>
/// One area of the monorepo (a service, the shared library, migrations, IaC or configuration): where its
/// sources live, what they are written in, which team owns it and how new source files are named.
/// </summary>
internal sealed record DemoArea(
    string Name,
    string Root,
    string SourceDirectory,
    DemoLanguage Language,
    string Team,
    int Weight,
    IReadOnlyList<string> InitialFiles)
{
    public string Extension => Language switch
    {
        DemoLanguage.CSharp => ".cs",
        DemoLanguage.Go => ".go",
        DemoLanguage.TypeScript => ".ts",
        DemoLanguage.Python => ".py",
        DemoLanguage.Sql => ".sql",
        DemoLanguage.Terraform => ".tf",
        _ => ".yaml",
    };

    /// <summary>The path of a new source file named after <paramref name="stem"/> (e.g. "Coupon" or "coupon").</summary>
    public string NewFilePath(string stem, int sequence) => Language switch
    {
        DemoLanguage.CSharp => $"{SourceDirectory}/{stem}Service.cs",
        DemoLanguage.Go => $"{SourceDirectory}/{DemoWords.Snake(stem)}.go",
        DemoLanguage.TypeScript => $"{SourceDirectory}/{DemoWords.Camel(stem)}.ts",
        DemoLanguage.Python => $"{SourceDirectory}/{DemoWords.Snake(stem)}.py",
        DemoLanguage.Sql => $"{SourceDirectory}/V{sequence:000}__{DemoWords.Snake(stem)}.sql",
        DemoLanguage.Terraform => $"{SourceDirectory}/{DemoWords.Snake(stem)}.tf",
        _ => $"{SourceDirectory}/{DemoWords.Kebab(stem)}.yaml",
    };
}
