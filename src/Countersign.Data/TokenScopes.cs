namespace Countersign.Data;

/// <summary>The scopes a token is stored with (the server's authorisation policies are built on them).</summary>
public static class TokenScopes
{
    public const string Ci = "ci";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
}
