using Countersign.Core.Policy;
using System.Text.RegularExpressions;
using Countersign.Contracts;

namespace Countersign.Server.Evaluation;

/// <summary>
/// Bounds on what a client may send, checked before anything is stored; each failure is a 400 naming the field.
/// The limits are generous for real changes and small enough that one request cannot exhaust the server.
/// </summary>
public static partial class Validation
{
    public const int MaxFiles = 50_000;
    public const int MaxCommits = 10_000;
    public const int MaxParticipants = 5_000;
    public const int MaxPolicyText = 1_000_000;
    public const int MaxPolicyFiles = 64;
    public const int MaxShipped = 2_000;
    public const int MaxComment = 4_000;

    public static void Check(ChangeRegistration registration)
    {
        if (registration is null)
        {
            throw ApiProblemException.Invalid("$", "the body is empty");
        }

        Name("repository", registration.Repository);
        Facts("facts", registration.Facts);
        Policy("policy", registration.Policy);
        Text("mailmap", registration.Mailmap, MaxPolicyText);
    }

    public static void Check(SignOffRequest request)
    {
        if (request is null)
        {
            throw ApiProblemException.Invalid("$", "the body is empty");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            throw ApiProblemException.Invalid("kind", "must be approve, reject or break-glass");
        }

        Sha("patchId", request.PatchId, allowEmpty: true);
        Text("comment", request.Comment, MaxComment);
    }

    public static void Check(DeployRequest request)
    {
        if (request is null)
        {
            throw ApiProblemException.Invalid("$", "the body is empty");
        }

        Name("repository", request.Repository);
        Name("service", request.Service);
        Name("environment", request.Environment);
        if (request.From is not null)
        {
            Sha("from", request.From, allowEmpty: false);
        }

        Sha("to", request.To, allowEmpty: false);
        Policy("policy", request.Policy);
        Text("mailmap", request.Mailmap, MaxPolicyText);
        if (request.Changes is null || request.Changes.Count > MaxShipped)
        {
            throw ApiProblemException.Invalid("changes", $"between 0 and {MaxShipped} changes are required");
        }

        for (var i = 0; i < request.Changes.Count; i++)
        {
            Sha($"changes[{i}].commit", request.Changes[i].Commit, allowEmpty: false);
            Facts($"changes[{i}].facts", request.Changes[i].Facts);
        }
    }

    /// <summary>A repository, service or environment name: 1–200 printable characters.</summary>
    /// <param name="field">The field's JSON path, for the error.</param>
    /// <param name="value">Its value.</param>
    public static void Name(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            throw ApiProblemException.Invalid(field, "must be 1 to 200 printable characters");
        }
    }

    private static void Facts(string field, Core.Changes.ChangeFacts? facts)
    {
        if (facts is null)
        {
            throw ApiProblemException.Invalid(field, "is required");
        }

        if (string.IsNullOrWhiteSpace(facts.Key) || facts.Key.Length > 300 || facts.Key.Any(char.IsControl))
        {
            throw ApiProblemException.Invalid($"{field}.key", "must be 1 to 300 printable characters");
        }

        Sha($"{field}.baseSha", facts.BaseSha, allowEmpty: false);
        Sha($"{field}.headSha", facts.HeadSha, allowEmpty: false);
        Sha($"{field}.patchId", facts.PatchId, allowEmpty: true);
        Text($"{field}.title", facts.Title, 1000);
        Count($"{field}.files", facts.Files?.Count, MaxFiles);
        Count($"{field}.commits", facts.Commits?.Count, MaxCommits);
        Count($"{field}.participants", facts.Participants?.Count, MaxParticipants);
        Count($"{field}.labels", facts.Labels?.Count, 100);
        Count($"{field}.filePatchIds", facts.FilePatchIds?.Count, MaxFiles);
        if (facts.BlastRadius is null || facts.Risk is null)
        {
            throw ApiProblemException.Invalid(facts.BlastRadius is null ? $"{field}.blastRadius" : $"{field}.risk", "is required");
        }
    }

    private static void Policy(string field, PolicyBundle? policy)
    {
        if (policy is null || string.IsNullOrEmpty(policy.Text))
        {
            throw ApiProblemException.Invalid($"{field}.text", "the policy text is required");
        }

        Name($"{field}.source", policy.Source);
        Text($"{field}.text", policy.Text, MaxPolicyText);
        Count($"{field}.files", policy.Files?.Count, MaxPolicyFiles);
        foreach (var (path, text) in policy.Files ?? new Dictionary<string, string>())
        {
            Name($"{field}.files key", path);
            Text($"{field}.files[{path}]", text, MaxPolicyText);
        }
    }

    private static void Sha(string field, string? value, bool allowEmpty)
    {
        if (value is null || (value.Length == 0 ? !allowEmpty : !HexId().IsMatch(value)))
        {
            throw ApiProblemException.Invalid(field, allowEmpty ? "must be a hexadecimal id of 40 or 64 digits, or empty" : "must be a hexadecimal id of 40 or 64 digits");
        }
    }

    private static void Text(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            throw ApiProblemException.Invalid(field, $"is {value.Length} characters long; at most {max} are accepted");
        }

        Api.StorableText.Check(field, value);
    }

    private static void Count(string field, int? count, int max)
    {
        if (count > max)
        {
            throw ApiProblemException.Invalid(field, $"has {count} entries; at most {max} are accepted");
        }
    }

    [GeneratedRegex("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex HexId();
}
