using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Countersign.Fuzz;

/// <summary>
/// Runs one target over N deterministic inputs on every core: input i is seed i verbatim (while seeds last), else a
/// mutation drawn from FuzzRandom(seed, target, i). Per input it measures wall time and the bytes allocated on
/// its thread; crashes (unexpected exceptions) and inputs over <see cref="HangThreshold"/> are saved with the input.
/// A watchdog saves and stops the process if one input spends over a minute of its thread's CPU time (wall time
/// misleads on a busy machine: a campaign at the lowest priority can wait minutes for a core), runs for over half
/// an hour of wall time, or the heap passes 8 GiB. Inputs [from, inputs) run, so a stopped campaign can resume.
/// </summary>
internal sealed class Campaign(FuzzTarget target, IReadOnlyList<string> seeds, ulong seed, long inputs, string outDir, TimeSpan budget, long from = 0)
{
    private static readonly TimeSpan StuckCpu = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StuckWall = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan HangThreshold = TimeSpan.FromSeconds(1);

    private const int MaxSavedPerSignature = 5;

    private readonly Dictionary<string, int> signatures = new(StringComparer.Ordinal);
    private readonly float[] micros = new float[inputs];
    private long crashes;
    private long hangs;
    private long maxAllocated;
    private long maxAllocatedIndex;
    private long next;
    private long done;
    private readonly Stopwatch clock = new();
    private int[] threadIds = [];
    private (long Index, double Cpu)[] firstSeen = [];

    public string Generate(long index) =>
        index < seeds.Count ? seeds[(int)index] : Mutator.Mutate(seeds, target, FuzzRandom.For(seed, target.Name, index));

    public string Run(int threads)
    {
        Directory.CreateDirectory(outDir);

        // Warm up (lazy statics such as the built-in signature catalog, first JIT) outside the measurements.
        foreach (var warm in seeds.Take(4))
        {
            target.Execute(warm);
        }

        next = from;
        var running = new (long Index, long Start)[threads];
        threadIds = new int[threads];
        firstSeen = new (long Index, double Cpu)[threads];
        clock.Start();
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() => Work(w, running)) { IsBackground = true, Name = $"fuzz-{w}" }).ToList();
        workers.ForEach(w => w.Start());
        while (!workers.All(w => w.Join(TimeSpan.FromSeconds(1))))
        {
            Watch(running);
        }

        var sorted = micros.AsSpan((int)from, (int)Math.Min(done, inputs - from)).ToArray();
        Array.Sort(sorted);
        var p999 = sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.999))];
        var max = sorted[^1];
        var signatureText = signatures.Count == 0 ? "" : " [" + string.Join("; ", signatures.Select(s => $"{s.Value}× {s.Key}")) + "]";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{target.Name}\t{done}\t{crashes}\t{hangs}\t{p999 / 1000:F3}\t{max / 1000:F3}\t{maxAllocated / 1024.0 / 1024.0:F1}\t{maxAllocatedIndex}\t{clock.Elapsed.TotalSeconds:F0}{signatureText}");
    }

    private void Work(int worker, (long Index, long Start)[] running)
    {
        threadIds[worker] = ThreadCpu.CurrentThreadId();
        while (true)
        {
            var start = Interlocked.Add(ref next, 64) - 64;
            if (start >= inputs || clock.Elapsed > budget)
            {
                return;
            }

            for (var i = start; i < Math.Min(start + 64, inputs); i++)
            {
                var input = Generate(i);
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var began = Stopwatch.GetTimestamp();
                Volatile.Write(ref running[worker].Index, i);
                Volatile.Write(ref running[worker].Start, began);
                var crash = target.Execute(input);
                var elapsed = Stopwatch.GetElapsedTime(began);
                Volatile.Write(ref running[worker].Start, 0);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                micros[i] = (float)(elapsed.Ticks / 10.0);
                Record(i, input, crash, elapsed, allocated);
                Interlocked.Increment(ref done);
            }
        }
    }

    private void Record(long index, string input, Exception? crash, TimeSpan elapsed, long allocated)
    {
        lock (signatures)
        {
            if (allocated > maxAllocated)
            {
                (maxAllocated, maxAllocatedIndex) = (allocated, index);
            }

            if (crash is not null)
            {
                crashes++;
                var frame = crash.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Countersign", StringComparison.Ordinal))?.Trim() ?? "";
                var signature = $"{crash.GetType().Name} {frame}";
                var seen = signatures.GetValueOrDefault(signature);
                signatures[signature] = seen + 1;
                if (seen < MaxSavedPerSignature)
                {
                    Save("crash", index, input, crash.ToString());
                }
            }

            if (elapsed > HangThreshold)
            {
                hangs++;
                Save("hang", index, input, $"{elapsed.TotalMilliseconds:F0} ms");
            }
        }
    }

    private void Watch((long Index, long Start)[] running)
    {
        for (var w = 0; w < running.Length; w++)
        {
            var (index, start) = running[w];
            if (start == 0 || Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(5))
            {
                continue;
            }

            // A slow input: from now on, count the CPU its thread spends on it.
            var cpu = ThreadCpu.Seconds(threadIds[w]);
            if (firstSeen[w].Index != index)
            {
                firstSeen[w] = (index, cpu);
            }
            else if (cpu - firstSeen[w].Cpu > StuckCpu.TotalSeconds)
            {
                Stop("stuck", index, $"over {StuckCpu.TotalSeconds:F0} s of CPU on one input");
            }

            if (Stopwatch.GetElapsedTime(start) > StuckWall)
            {
                Stop("stuck", index, $"still running after {StuckWall.TotalMinutes:F0} minutes");
            }
        }

        if (GC.GetTotalMemory(false) > 8L << 30)
        {
            foreach (var (index, start) in running)
            {
                if (start != 0)
                {
                    Save("memory", index, Generate(index), "heap over 8 GiB while this input ran");
                }
            }

            Stop("memory", -1, "heap over 8 GiB");
        }
    }

    private void Stop(string kind, long index, string why)
    {
        if (index >= 0)
        {
            Save(kind, index, Generate(index), why);
        }

        Console.WriteLine($"{target.Name}\t{done}\tSTOPPED\t{kind} at input {index}: {why}");
        Environment.Exit(4);
    }

    private void Save(string kind, long index, string input, string what)
    {
        var stem = Path.Combine(outDir, $"{target.Name}-{kind}-{index}");
        File.WriteAllText(stem + ".input", FuzzCorpus.Escape(input), new UTF8Encoding(false));
        File.WriteAllText(stem + ".txt", $"target {target.Name}, seed {seed}, input {index}\n{what}\n");
    }
}
