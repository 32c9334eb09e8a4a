namespace Countersign.Core.History;

/// <summary>What part of a commit could not be read from the repository, when objects are missing.</summary>
public enum CommitReadProblem
{
    None,

    /// <summary>File names are known but line counts are not (blobs missing, e.g. a partial clone).</summary>
    LineStatsMissing,

    /// <summary>Not even the trees could be read: the file list is empty because it is unknown.</summary>
    FilesMissing,
}
