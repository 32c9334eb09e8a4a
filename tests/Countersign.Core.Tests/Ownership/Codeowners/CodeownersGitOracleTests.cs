using System.Text;
using Countersign.Core.Ownership.Codeowners;
using Countersign.Testing;

namespace Countersign.Core.Tests.Ownership.Codeowners;

/// <summary>
/// Random GitHub-flavor patterns checked against git's own gitignore matcher (<c>git check-ignore</c>).
/// </summary>
/// <remarks>
/// Where the two agree: no negation, no character ranges, no escapes (GitHub rejects or treats them
/// differently), and files only. Where they differ and the cases are left out:
/// <list type="bullet">
/// <item>A final segment that is exactly <c>*</c> after a literal segment (<c>docs/*</c>, <c>/*</c>): GitHub
/// owns direct children only, gitignore ignores the matched subdirectories and so everything below them.</item>
/// <item>Precedence: once git ignores a directory it reports the pattern that ignored the directory, even if a
/// later pattern matches the file; CODEOWNERS takes the last pattern matching the file by any route. So each
/// pattern gets its own <c>.gitignore</c> (in its own folder <c>tK/</c>, where patterns are relative to that
/// folder), git answers "does pattern K match path P, directly or through a parent directory?", and the
/// last-match-wins answer is derived from those per-pattern answers.</item>
/// <item>A <c>**</c> glued to other characters in a pattern with a slash (<c>a**/*.txt</c>): wildmatch calls it a
/// plain <c>*</c>, but git first strips the pattern's literal prefix (<c>a</c>) and then sees <c>**/</c> at the start
/// of what is left, so it matches <c>a.txt</c> and <c>a/b/a.txt</c>. That is an artifact of git's prefix optimisation,
/// not gitignore's documented meaning, which we follow (a glued <c>**</c> is a <c>*</c>).</item>
/// </list>
/// </remarks>
public sealed class CodeownersGitOracleTests
{
    private static readonly string[] Names = ["a", "b", "ab", "a.txt", "b.md", ".x"];
    private static readonly string[] Wildcards = ["*", "**", "?", "a*", "*.txt", "?b", "*b*", "a**"];

    [Fact]
    public void GitHubMatchingAgreesWithGitCheckIgnoreOnRandomPatternsAndPaths()
    {
        var random = new Random(20260105);
        var patterns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (patterns.Count < 300)
        {
            var pattern = RandomPattern(random);
            if (!DiffersFromGitignore(pattern) && seen.Add(pattern))
            {
                patterns.Add(pattern);
            }
        }

        var paths = Enumerable.Range(0, 60).Select(_ => RandomPath(random)).Distinct().ToList();
        var git = AskGit(patterns, paths);

        var disagreements = new List<string>();
        for (var k = 0; k < patterns.Count; k++)
        {
            var compiled = CodeownersPattern.Compile(patterns[k], CodeownersFlavor.GitHub);
            foreach (var path in paths)
            {
                if (compiled.IsMatch(path) != git[(k, path)])
                {
                    disagreements.Add($"'{patterns[k]}' vs '{path}': git says {git[(k, path)]}");
                }
            }
        }

        Assert.Empty(disagreements);
        Assert.InRange(git.Values.Count(v => v), git.Count / 10, git.Count * 9 / 10);

        // The last matching rule of whole files of 6 rules each, through the public API.
        for (var start = 0; start + 6 <= patterns.Count; start += 6)
        {
            var text = string.Concat(Enumerable.Range(0, 6).Select(i => $"{patterns[start + i]} @o{i}\n"));
            var file = CodeownersParser.Parse(text, "CODEOWNERS", CodeownersFlavor.GitHub).File;
            foreach (var path in paths)
            {
                var expected = Enumerable.Range(0, 6).LastOrDefault(i => git[(start + i, path)], -1);
                var actual = file.Match(path).Sections.SingleOrDefault()?.Rule.Line - 1 ?? -1;
                Assert.True(expected == actual, $"rules {start}..{start + 5}, '{path}': git {expected}, ours {actual}");
            }
        }
    }

    private static Dictionary<(int Pattern, string Path), bool> AskGit(List<string> patterns, List<string> paths)
    {
        using var repo = TempGitRepo.Create();
        var queries = new List<string>();
        for (var k = 0; k < patterns.Count; k++)
        {
            repo.WriteFile($"t{k}/.gitignore", patterns[k] + "\n");
            queries.AddRange(paths.Select(path => $"t{k}/{path}\n"));
        }

        // TempGitRepo writes all of stdin before reading stdout, so keep each answer well under a pipe buffer.
        var output = new StringBuilder();
        foreach (var batch in queries.Chunk(800))
        {
            output.Append(repo.Git("check-ignore --no-index --verbose --non-matching --stdin", stdin: string.Concat(batch)));
        }

        var answers = new Dictionary<(int, string), bool>();
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<source>:<line>:<pattern>\t<path>", or "::\t<path>" when nothing matched.
            var tab = line.LastIndexOf('\t');
            var queried = line[(tab + 1)..];
            var slash = queried.IndexOf('/');
            answers[(int.Parse(queried[1..slash]), queried[(slash + 1)..])] = !line.StartsWith("::", StringComparison.Ordinal);
        }

        Assert.Equal(patterns.Count * paths.Count, answers.Count);
        return answers;
    }

    private static bool DiffersFromGitignore(string pattern)
    {
        var segments = pattern.Trim('/').Split('/');
        var anchored = pattern.StartsWith('/') || segments.Length > 1;
        var directChildrenOnly = anchored && !pattern.EndsWith('/') && segments[^1] == "*" && (segments.Length == 1 || segments[^2] != "**");
        var glued = segments.Any(s => s != "**" && s.Contains("**", StringComparison.Ordinal));
        return directChildrenOnly || (glued && segments.Length > 1);
    }

    private static string RandomPattern(Random random)
    {
        var count = random.Next(1, 4);
        var segments = Enumerable.Range(0, count).Select(_ =>
            random.Next(10) < 6 ? Names[random.Next(Names.Length)] : Wildcards[random.Next(Wildcards.Length)]);
        var pattern = string.Join('/', segments);
        if (random.Next(10) < 3)
        {
            pattern = "/" + pattern;
        }

        if (random.Next(4) == 0)
        {
            pattern += "/";
        }

        return pattern;
    }

    private static string RandomPath(Random random) =>
        string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Names[random.Next(Names.Length)]));
}
