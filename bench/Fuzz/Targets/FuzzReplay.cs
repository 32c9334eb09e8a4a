using System.Diagnostics;

namespace Countersign.Fuzz;

/// <summary>Replays a target's checked-in corpus (tests/fuzz-corpus), as CI does: what each input threw or how long it took, when either is wrong.</summary>
internal static class FuzzReplay
{
    /// <summary>Generous: the slowest corpus input takes milliseconds; this only catches a hang or a blow-up.</summary>
    public static readonly TimeSpan MaxPerInput = TimeSpan.FromSeconds(10);

    public static string CorpusDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Countersign.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "fuzz-corpus");
            }
        }

        throw new InvalidOperationException("Countersign.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs every input; returns how many ran and a line per input that crashed or ran too long.</summary>
    public static (int Inputs, List<string> Problems) Run(FuzzTarget target)
    {
        var inputs = FuzzCorpus.Read(FuzzCorpus.PathFor(CorpusDirectory(), target.Name));
        var problems = new List<string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            var crash = target.Execute(inputs[i]);
            if (crash is not null)
            {
                problems.Add($"{target.Name} input {i}: {crash.GetType().Name}: {crash.Message}\n{crash.StackTrace}");
            }

            if (clock.Elapsed > MaxPerInput)
            {
                problems.Add($"{target.Name} input {i}: took {clock.Elapsed.TotalSeconds:F1} s");
            }
        }

        return (inputs.Count, problems);
    }
}
