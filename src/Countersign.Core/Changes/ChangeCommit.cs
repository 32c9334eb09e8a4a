using Countersign.Core.History;
using Countersign.Core.Provenance;

namespace Countersign.Core.Changes;

/// <summary>One commit of a change with its provenance verdict. <see cref="Subject"/> is untrusted and bounded.</summary>
public sealed record ChangeCommit(
    string Sha,
    GitIdentity Author,
    GitIdentity Committer,
    string Subject,
    CommitProvenance Provenance,
    int LinesAdded,
    int LinesDeleted,
    bool IsMerge = false);
