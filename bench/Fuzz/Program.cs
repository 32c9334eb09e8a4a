using System.Globalization;

namespace Countersign.Fuzz;

/// <summary>
/// In-process fuzzing of every parser of untrusted input. Commands:
/// <c>list</c>; <c>run TARGET [--inputs N] [--seed S] [--threads T] [--out DIR] [--max-seconds S]</c> (prints one tab-separated result
/// line: target, inputs, crashes, hangs, p99.9 ms, max ms, max MiB allocated, that input's index, seconds);
/// <c>corpus [--count N] [--seed S] [--out DIR]</c> (writes the fixed CI corpus: seeds, regressions, mutations);
/// <c>replay TARGET FILE</c> (runs one saved input and prints what it threw);
/// <c>input TARGET INDEX [--seed S]</c> (prints input INDEX of a run, escaped as findings are saved, to examine or replay it).
/// </summary>
internal static class Program
{
    public static IReadOnlyList<FuzzTarget> Targets { get; } = [.. CoreTargets.All, .. GitTargets.All, .. ServerTargets.All];

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Countersign.Fuzz list | run TARGET [--inputs N] [--seed S] [--threads T] [--out DIR] | corpus [--count N] [--out DIR] | replay TARGET FILE | input TARGET INDEX [--seed S]");
            return 2;
        }

        var root = Seeds.RepositoryRoot();
        switch (args[0])
        {
            case "list":
                Targets.ToList().ForEach(t => Console.WriteLine(t.Name));
                return 0;
            case "run":
                {
                    var target = Find(args[1]);
                    var campaign = new Campaign(
                        target,
                        Seeds.For(target, root),
                        ulong.Parse(Option(args, "--seed", "1"), CultureInfo.InvariantCulture),
                        long.Parse(Option(args, "--inputs", "1000000"), CultureInfo.InvariantCulture),
                        Option(args, "--out", Path.Combine(root, "bench", "Fuzz", "findings")),
                        TimeSpan.FromSeconds(double.Parse(Option(args, "--max-seconds", "86400"), CultureInfo.InvariantCulture)),
                        long.Parse(Option(args, "--from", "0"), CultureInfo.InvariantCulture));
                    Console.WriteLine(campaign.Run(int.Parse(Option(args, "--threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)));
                    return 0;
                }

            case "corpus":
                WriteCorpus(root, int.Parse(Option(args, "--count", "250"), CultureInfo.InvariantCulture), ulong.Parse(Option(args, "--seed", "7"), CultureInfo.InvariantCulture), Option(args, "--out", Path.Combine(root, "tests", "fuzz-corpus")));
                return 0;
            case "replay":
                {
                    var crash = Find(args[1]).Execute(FuzzCorpus.Unescape(File.ReadAllText(args[2])));
                    Console.WriteLine(crash?.ToString() ?? "no crash");
                    return crash is null ? 0 : 1;
                }

            case "input":
                {
                    var target = Find(args[1]);
                    var campaign = new Campaign(target, Seeds.For(target, root), ulong.Parse(Option(args, "--seed", "1"), CultureInfo.InvariantCulture), 0, Path.GetTempPath(), TimeSpan.Zero);
                    Console.Write(FuzzCorpus.Escape(campaign.Generate(long.Parse(args[2], CultureInfo.InvariantCulture))));
                    return 0;
                }

            default:
                Console.Error.WriteLine($"unknown command '{args[0]}'");
                return 2;
        }
    }

    private static FuzzTarget Find(string name) =>
        Targets.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", Targets.Select(t => t.Name))}");

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>
    /// The fixed corpus CI replays: each target's seeds (cut to 4 KiB), every saved regression input
    /// (bench/Fuzz/regressions/TARGET/*.input), then mutations of at most 4 KiB until <paramref name="count"/>.
    /// </summary>
    private static void WriteCorpus(string root, int count, ulong seed, string outDir)
    {
        Directory.CreateDirectory(outDir);
        foreach (var target in Targets)
        {
            var seeds = Seeds.For(target, root);
            var inputs = seeds.Select(s => s.Length <= 4096 ? s : s[..4096]).ToList();
            var regressions = Path.Combine(root, "bench", "Fuzz", "regressions", target.Name);
            if (Directory.Exists(regressions))
            {
                inputs.AddRange(Directory.EnumerateFiles(regressions, "*.input").Order(StringComparer.Ordinal).Select(f => FuzzCorpus.Unescape(File.ReadAllText(f))));
            }

            for (long i = 0; inputs.Count < count && i < count * 20L; i++)
            {
                var input = Mutator.Mutate(seeds, target, FuzzRandom.For(seed, target.Name, i));
                if (input.Length <= 4096)
                {
                    inputs.Add(input);
                }
            }

            FuzzCorpus.Write(FuzzCorpus.PathFor(outDir, target.Name), inputs);
            Console.WriteLine($"{target.Name}: {inputs.Count} inputs");
        }
    }
}
