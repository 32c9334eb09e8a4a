using System.Diagnostics;
using Countersign.Core.Ownership.Codeowners;

namespace Countersign.Core.Tests.Ownership.Codeowners;

public sealed class CodeownersPerformanceTests
{
    private readonly ITestOutputHelper output;

    public CodeownersPerformanceTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void AHundredThousandPathsAgainstAThousandRulesTakeSecondsNotMinutes()
    {
        // Shaped like large real files: a default, extension globs, many anchored directories, some floating names.
        var rules = new List<string> { "* @org/everyone" };
        for (var i = 0; i < 1000 - 1; i++)
        {
            rules.Add((i % 10) switch
            {
                0 => $"*.ext{i} @org/t{i}",
                1 => $"build{i}/ @org/t{i}",
                2 => $"/src/lib{i}/**/*.cs @org/t{i}",
                _ => $"/src/lib{i}/ @org/t{i}",
            });
        }

        var paths = Enumerable.Range(0, 100_000).Select(i => $"src/lib{i % 1200}/sub{i % 7}/File{i}.cs").ToArray();

        var clock = Stopwatch.StartNew();
        var result = CodeownersParser.Parse(string.Join('\n', rules), "CODEOWNERS", CodeownersFlavor.GitHub);
        var parsed = clock.Elapsed;
        Assert.Empty(result.Diagnostics);
        var owned = 0;
        foreach (var path in paths)
        {
            owned += result.File.Match(path).IsOwned ? 1 : 0;
        }

        clock.Stop();
        output.WriteLine($"parse 1k rules: {parsed.TotalMilliseconds:F0} ms; parse + match 100k paths: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(paths.Length, owned);
        Assert.Equal(["@org/t22"], result.File.Match("src/lib22/a/b/X.cs").Owners);
        Assert.Equal(["@org/everyone"], result.File.Match("src/lib1200/X.cs").Owners);
    }
}
