using Countersign.Core.History;
using Countersign.Core.Provenance;
using Countersign.Core.SignOffs;

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

    public static string Kind(SignOffKind kind) => kind switch
    {
        SignOffKind.Approve => "approve",
        SignOffKind.Reject => "reject",
        SignOffKind.BreakGlass => "break-glass",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a sign-off kind"),
    };

    /// <summary>The kind a stored name stands for, or null for a name this version does not know.</summary>
    public static SignOffKind? ParseKind(string kind) => kind switch
    {
        "approve" => SignOffKind.Approve,
        "reject" => SignOffKind.Reject,
        "break-glass" => SignOffKind.BreakGlass,
        _ => null,
    };

    public static string Problem(CommitReadProblem problem) => problem switch
    {
        CommitReadProblem.LineStatsMissing => "line-stats-missing",
        CommitReadProblem.FilesMissing => "files-missing",
        _ => "",
    };
}
