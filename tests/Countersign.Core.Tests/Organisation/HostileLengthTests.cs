using System.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Compilation;

namespace Countersign.Core.Tests.Organisation;

/// <summary>
/// Found by fuzzing: a 15,000-character time zone took 12–28 s and a gigabyte (a "did you mean" matrix per known zone),
/// and a 93,000-character bot name pattern took 51 s and 8 GB to compile.
/// </summary>
public sealed class HostileLengthTests
{
    [Fact]
    public void DidYouMeanStillSuggestsTheNearestCandidate()
    {
        Assert.Equal(" (did you mean 'senior'?)", Spelling.DidYouMean("seniour", ["junior", "senior", "staff"]));
        Assert.Equal("", Spelling.DidYouMean("x", ["senior"]));
    }

    [Fact]
    public void DidYouMeanIgnoresCandidatesFarLongerOrShorterThanTheValueSoAHugeValueIsCheap()
    {
        var huge = new string('(', 1_000_000);
        var clock = Stopwatch.StartNew();

        Assert.Equal("", Spelling.DidYouMean(huge, TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void APolicyWithAHugeTimeZoneIsAnErrorNamingTheField()
    {
        var text = DefaultPolicy.Text.Replace("timezone: Europe/Berlin", $"timezone: Europe/B{new string('(', 100_000)}", StringComparison.Ordinal);
        Assert.NotEqual(DefaultPolicy.Text, text);
        var clock = Stopwatch.StartNew();

        var result = PolicyCompiler.Compile(PolicyParser.Parse(text, "policy.yaml"), OrgDirectory.Empty, _ => null);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("is not a time zone", StringComparison.Ordinal));
    }

    [Fact]
    public void ABotNamePatternLongerThanTheLimitIsAnErrorNotAMinuteOfCompiling()
    {
        var yaml = $"bots:\n  - name-pattern: \"{new string('x', 100_000)}\"\n";

        var result = OrgDirectoryReader.Read(yaml, "org.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains($"longer than {BotIdentity.MaxNamePatternLength} characters", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300);
    }

    [Fact]
    public void AnOrgFileRepeatingOneBotPatternAThousandTimesBuildsItOnceNotAThousandTimes()
    {
        // Found by fuzzing (org input 124,968 of seed 1): 1,288 copies of one name pattern allocated 447 MiB,
        // each copy built twice (read, then resolved) at about 350 KB a build.
        var bots = string.Concat(Enumerable.Repeat("  - name-pattern: \"^renovate-[0-9]+\\\\[bot\\\\]$\"\n", 1000));
        var yaml = "bots:\n" + bots;
        _ = OrgDirectoryReader.Read("bots:\n  - name-pattern: \"warm-up\"\n", "org.yaml");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = OrgDirectoryReader.Read(yaml, "org.yaml");
        var resolver = new IdentityResolver(result.Directory);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(result.Diagnostics);
        Assert.Equal(1000, result.Directory.Bots.Count);
        Assert.True(resolver.Resolve("renovate-42[bot]", "x@example.com").IsBot);
        Assert.True(allocated < 40L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB");
    }
}
