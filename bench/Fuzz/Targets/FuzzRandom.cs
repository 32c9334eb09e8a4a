namespace Countersign.Fuzz;

/// <summary>SplitMix64: a tiny deterministic generator, so input i of a campaign depends only on (seed, target, i).</summary>
internal sealed class FuzzRandom(ulong seed)
{
    private ulong state = seed;

    public static FuzzRandom For(ulong seed, string target, long index)
    {
        var h = 1469598103934665603UL;
        foreach (var c in target)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return new FuzzRandom(seed ^ h ^ ((ulong)index * 0x9E3779B97F4A7C15UL));
    }

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, max).</summary>
    public int Below(int max) => max <= 1 ? 0 : (int)(Next() % (ulong)max);

    public bool Chance(int oneIn) => Below(oneIn) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
