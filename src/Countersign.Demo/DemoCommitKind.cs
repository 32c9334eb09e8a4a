namespace Countersign.Demo;

/// <summary>The ground truth of a demo commit's provenance class (traps are <see cref="Human"/> or <see cref="DeclaredHuman"/> with a trap name).</summary>
public enum DemoCommitKind
{
    /// <summary>Written by a person, no AI marker (so a scanner should say "unknown", not "human").</summary>
    Human,

    /// <summary>Written by a person who declared it ("No AI was used.").</summary>
    DeclaredHuman,

    /// <summary>AI-assisted, with the tool's real markers (or only line-level provenance).</summary>
    Ai,

    /// <summary>A person's commit that applies an AI reviewer's suggestion (a weaker, separate class).</summary>
    AiReview,

    /// <summary>Dependency and release automation: not AI authorship.</summary>
    Bot,

    /// <summary>A person reverting an earlier commit.</summary>
    Revert,

    /// <summary>A person fixing an earlier commit, naming it in a <c>Fixes:</c> trailer.</summary>
    Fix,

    /// <summary>A <c>--no-ff</c> merge of a feature branch.</summary>
    Merge,
}
