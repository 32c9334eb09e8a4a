using Countersign.Data;

namespace Countersign.Server.Auth;

/// <summary>
/// Token scopes and the authorisation policies built on them. <c>ci</c> registers changes and reads decisions;
/// <c>reviewer</c> acts as one person: reads changes and the queue, and signs off; <c>admin</c> manages everything
/// (tokens, directory, catalog, audit) but, being no person, cannot sign off.
/// </summary>
public static class Scopes
{
    public const string Ci = TokenScopes.Ci;
    public const string Reviewer = TokenScopes.Reviewer;
    public const string Admin = TokenScopes.Admin;

    public static IReadOnlyList<string> All { get; } = [Ci, Reviewer, Admin];

    /// <summary>Policy names used on endpoints.</summary>
    public static class Policies
    {
        /// <summary>Register changes and decide deploys: ci, admin.</summary>
        public const string Register = "register";

        /// <summary>Read changes, decisions, sign-offs and attestations: every scope.</summary>
        public const string Read = "read";

        /// <summary>Sign off: reviewer only (a resolved person).</summary>
        public const string SignOff = "signoff";

        /// <summary>See the queue: reviewer, admin.</summary>
        public const string Queue = "queue";

        /// <summary>Manage tokens, directory, catalog; read the audit log: admin.</summary>
        public const string Admin = "admin";
    }

    public const string ScopeClaim = "countersign:scope";
    public const string TokenClaim = "countersign:token";
    public const string PersonClaim = "countersign:person";
}
