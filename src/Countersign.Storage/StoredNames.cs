using Countersign.Core.History;
using Countersign.Core.Provenance;

namespace Countersign.Storage;

/// <summary>The stable text forms of enums kept in the database and in exports.</summary>
public static class StoredNames
{
    public static string Status(ProvenanceStatus status) => status switch
    {
        ProvenanceStatus.Ai => "ai",
        ProvenanceStatus.AiSuggested => "ai-suggested",
        ProvenanceStatus.HumanDeclared => "human-declared",
        _ => "unknown",
    };

    public static ProvenanceStatus ParseStatus(string status) => status switch
    {
        "ai" => ProvenanceStatus.Ai,
        "ai-suggested" => ProvenanceStatus.AiSuggested,
        "human-declared" => ProvenanceStatus.HumanDeclared,
        _ => ProvenanceStatus.Unknown,
    };

    public static string Problem(CommitReadProblem problem) => problem switch
    {
        CommitReadProblem.LineStatsMissing => "line-stats-missing",
        CommitReadProblem.FilesMissing => "files-missing",
        _ => "",
    };
}
