namespace Countersign.Core.History.Jit;

/// <summary>
/// What <see cref="JitFeatureCalculator"/> remembers about history walked so far: per file (current line
/// count, last change time, which changes and developers touched it) and per author (experience).
/// Serializable so an incremental rescan resumes with the same results as a full scan.
/// </summary>
public sealed class JitState
{
    public Dictionary<string, FileState> Files { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> AuthorIds { get; init; } = new(StringComparer.Ordinal);

    public List<AuthorState> Authors { get; init; } = [];

    /// <summary>Ordinal given to the next non-merge change; NUC counts distinct ordinals.</summary>
    public int NextChange { get; set; }

    internal int AuthorId(string email)
    {
        if (!AuthorIds.TryGetValue(email, out var id))
        {
            id = Authors.Count;
            AuthorIds[email] = id;
            Authors.Add(new AuthorState());
        }

        return id;
    }

    internal AuthorState Author(int id) => Authors[id];

    public sealed class FileState
    {
        public long Lines { get; set; }

        public long LastChange { get; set; }

        public List<int> Changes { get; init; } = [];

        public List<int> Developers { get; init; } = [];
    }

    public sealed class AuthorState
    {
        public int Changes { get; set; }

        /// <summary>Changes per calendar month index (year × 12 + month − 1).</summary>
        public Dictionary<int, int> ByMonth { get; init; } = [];

        public Dictionary<string, int> BySubsystem { get; init; } = new(StringComparer.Ordinal);
    }
}
