namespace Countersign.Demo;

/// <summary>The kinds of text the demo generates, each with its own templates.</summary>
internal enum DemoLanguage
{
    CSharp,
    Go,
    TypeScript,
    Python,
    Sql,
    Terraform,
    Yaml,
}
