using Countersign.Git;

namespace Countersign.Server.Repositories;

/// <summary>A mirror as one fetch left it: the repository, a generation number that changes with every fetch that moved a ref, and when it was fetched.</summary>
public sealed record MirrorSnapshot(GitRepository Repository, long Generation, DateTimeOffset At);
