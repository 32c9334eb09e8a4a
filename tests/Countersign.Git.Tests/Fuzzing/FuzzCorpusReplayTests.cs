using Countersign.Fuzz;

namespace Countersign.Git.Tests.Fuzzing;

/// <summary>
/// CI's share of the fuzzing (bench/fuzz.sh runs the million-input campaigns): every input of the checked-in corpus,
/// crashes found so far included, is handled by its parser without an unexpected exception and without hanging.
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    public static TheoryData<string> Targets => new(GitTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryCorpusInputIsHandledWithoutAnUnexpectedExceptionOrAHang(string name)
    {
        var (inputs, problems) = FuzzReplay.Run(GitTargets.All.Single(t => t.Name == name));

        Assert.True(inputs >= 100, $"the {name} corpus has only {inputs} inputs");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }
}
