using Countersign.Contracts;
using Countersign.Core.Policy;
using System.Text.RegularExpressions;

namespace Countersign.Server.Evaluation;

/// <summary>
/// Bounds on what a client may send, checked before anything is stored; each failure is a <see cref="Problem.Invalid"/>
/// (a 400) naming the field. The limits are generous for real changes and small enough that one request cannot
/// exhaust the server.
/// </summary>
public static partial class Validation
{
    public const int MaxFiles = 50_000;
    public const int MaxCommits = 10_000;
    public const int MaxParticipants = 5_000;
    public const int MaxPolicyText = 1_000_000;
    public const int MaxPolicyFiles = 64;
    public const int MaxShipped = 2_000;
    public const int MaxComment = Core.SignOffs.SignOff.MaxCommentLength;

    /// <summary>Null when the registration may be stored; otherwise the first field that may not.</summary>
    public static Problem? Check(ChangeRegistration registration) =>
        registration is null
            ? new Problem.Invalid("$", "the body is empty")
            : NameProblem("repository", registration.Repository)
                ?? Facts("facts", registration.Facts)
                ?? Policy("policy", registration.Policy)
                ?? Text("mailmap", registration.Mailmap, MaxPolicyText);

    /// <summary>Null when the sign-off request is well formed; otherwise the first field that is not.</summary>
    public static Problem? Check(SignOffRequest request) =>
        request is null ? new Problem.Invalid("$", "the body is empty")
        : !Enum.IsDefined(request.Kind) ? new Problem.Invalid("kind", "must be approve, reject or break-glass")
        : Sha("patchId", request.PatchId, allowEmpty: true) ?? Text("comment", request.Comment, MaxComment);

    /// <summary>Null when the deploy may be decided; otherwise the first field that is wrong.</summary>
    public static Problem? Check(DeployRequest request)
    {
        if (request is null)
        {
            return new Problem.Invalid("$", "the body is empty");
        }

        var problem = NameProblem("repository", request.Repository)
            ?? NameProblem("service", request.Service)
            ?? NameProblem("environment", request.Environment)
            ?? (request.From is null ? null : Sha("from", request.From, allowEmpty: false))
            ?? Sha("to", request.To, allowEmpty: false)
            ?? Policy("policy", request.Policy)
            ?? Text("mailmap", request.Mailmap, MaxPolicyText);
        if (problem is not null)
        {
            return problem;
        }

        if (request.Changes is null || request.Changes.Count > MaxShipped)
        {
            return new Problem.Invalid("changes", $"between 0 and {MaxShipped} changes are required");
        }

        for (var i = 0; i < request.Changes.Count; i++)
        {
            if ((Sha($"changes[{i}].commit", request.Changes[i].Commit, allowEmpty: false) ?? Facts($"changes[{i}].facts", request.Changes[i].Facts)) is { } shipped)
            {
                return shipped;
            }
        }

        return null;
    }

    public static Problem? Check(DeployBuildRequest request) =>
        request is null ? new Problem.Invalid("$", "the body is empty")
        : NameProblem("repository", request.Repository)
            ?? NameProblem("service", request.Service)
            ?? NameProblem("environment", request.Environment)
            ?? (request.From is null ? null : Sha("from", request.From, allowEmpty: false))
            ?? Sha("to", request.To, allowEmpty: false);

    /// <summary>A repository, service, environment or change key: 1–200 printable characters; otherwise a 400 naming the field.</summary>
    /// <param name="field">The field's JSON path, for the error.</param>
    /// <param name="value">Its value.</param>
    public static Problem.Invalid? NameProblem(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.Any(c => char.IsControl(c) || char.IsSurrogate(c))
            ? new Problem.Invalid(field, "must be 1 to 200 printable characters")
            : null;

    private static Problem? Facts(string field, Core.Changes.ChangeFacts? facts)
    {
        if (facts is null)
        {
            return new Problem.Invalid(field, "is required");
        }

        if (string.IsNullOrWhiteSpace(facts.Key) || facts.Key.Length > 300 || facts.Key.Any(char.IsControl))
        {
            return new Problem.Invalid($"{field}.key", "must be 1 to 300 printable characters");
        }

        return Sha($"{field}.baseSha", facts.BaseSha, allowEmpty: false)
            ?? Sha($"{field}.headSha", facts.HeadSha, allowEmpty: false)
            ?? Sha($"{field}.patchId", facts.PatchId, allowEmpty: true)
            ?? Text($"{field}.title", facts.Title, 1000)
            ?? Count($"{field}.files", facts.Files?.Count, MaxFiles)
            ?? Count($"{field}.commits", facts.Commits?.Count, MaxCommits)
            ?? Count($"{field}.participants", facts.Participants?.Count, MaxParticipants)
            ?? Count($"{field}.labels", facts.Labels?.Count, 100)
            ?? Count($"{field}.filePatchIds", facts.FilePatchIds?.Count, MaxFiles)
            ?? (facts.BlastRadius is null || facts.Risk is null
                ? new Problem.Invalid(facts.BlastRadius is null ? $"{field}.blastRadius" : $"{field}.risk", "is required")
                : null);
    }

    private static Problem? Policy(string field, PolicyBundle? policy)
    {
        if (policy is null || string.IsNullOrEmpty(policy.Text))
        {
            return new Problem.Invalid($"{field}.text", "the policy text is required");
        }

        var problem = NameProblem($"{field}.source", policy.Source)
            ?? Text($"{field}.text", policy.Text, MaxPolicyText)
            ?? Count($"{field}.files", policy.Files?.Count, MaxPolicyFiles);
        foreach (var (path, text) in policy.Files ?? new Dictionary<string, string>())
        {
            problem ??= NameProblem($"{field}.files key", path) ?? Text($"{field}.files[{path}]", text, MaxPolicyText);
        }

        return problem;
    }

    private static Problem? Sha(string field, string? value, bool allowEmpty) =>
        value is null || (value.Length == 0 ? !allowEmpty : !HexId().IsMatch(value))
            ? new Problem.Invalid(field, allowEmpty ? "must be a hexadecimal id of 40 or 64 digits, or empty" : "must be a hexadecimal id of 40 or 64 digits")
            : null;

    private static Problem? Text(string field, string? value, int max) =>
        value is null ? null
        : value.Length > max ? new Problem.Invalid(field, $"is {value.Length} characters long; at most {max} are accepted")
        : Api.StorableText.Problem(value) is { } unstorable ? new Problem.Invalid(field, unstorable)
        : null;

    private static Problem? Count(string field, int? count, int max) =>
        count > max ? new Problem.Invalid(field, $"has {count} entries; at most {max} are accepted") : null;

    [GeneratedRegex("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex HexId();
}
