namespace Countersign.Core.SignOffs;

/// <summary>How messages name a sign-off kind, the same in the CLI and the server.</summary>
public static class SignOffWords
{
    /// <summary>approval, rejection, break-glass.</summary>
    public static string Noun(SignOffKind kind) => kind switch
    {
        SignOffKind.Approve => "approval",
        SignOffKind.Reject => "rejection",
        _ => "break-glass",
    };

    /// <summary>"X cannot {verb} this change": approve, reject, break the glass on.</summary>
    public static string Verb(SignOffKind kind) => kind switch
    {
        SignOffKind.Approve => "approve",
        SignOffKind.Reject => "reject",
        _ => "break the glass on",
    };
}
