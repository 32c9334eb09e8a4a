using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Countersign.Core.Audit;

/// <summary>
/// How the chain vouches for the state tables. Each record that creates or changes a state row names it (its
/// <em>subject</em>: <c>change:ID</c>, <c>signoff:ID</c>, <c>token:ID</c>, <c>deploy:ID</c>); folding a row's records in
/// order gives the values the row must hold, column by column. <see cref="Reconcile"/> compares them with the row and
/// names every row no record accounts for, every record whose row is gone, and every column that differs.
/// </summary>
/// <remarks>
/// What is vouched for: sign-offs (change, key, person, kind, patch, revision, rules, dismissed or not), tokens (name,
/// scope, person, expiry, revoked or not), deploy decisions (repository, service, environment, from, to, allowed) and
/// changes (repository, key, revision, head, patch, status, and the current revision's facts and policy hashes when the
/// records carry them — records written before the server recorded <c>factsHash</c>/<c>policyHash</c> do not). Not
/// vouched for: titles, summaries and other display fields, the waiting list (derived from the evaluation), the org
/// directory and catalog (their records carry counts and a digest, not the rows), settings.
/// </remarks>
public static class AuditState
{
    /// <summary>The state tables the chain vouches for, by subject prefix.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["change"] = "changes",
        ["signoff"] = "signoffs",
        ["token"] = "tokens",
        ["deploy"] = "deploy_decisions",
    };

    /// <summary>The state row a record is about, or null for records that change no vouched-for row (or whose content is not JSON).</summary>
    public static string? SubjectOf(string? kind, string? content)
    {
        var (prefix, key) = kind switch
        {
            null => (null, null),
            _ when kind.StartsWith("signoff.", StringComparison.Ordinal) => ("signoff", "signOff"),
            _ when kind.StartsWith("change.", StringComparison.Ordinal) => ("change", "change"),
            "token.created" or "token.revoked" => ("token", "token"),
            "deploy.decided" => ("deploy", "decision"),
            _ => ((string?)null, (string?)null),
        };
        return prefix is null || Parse(content) is not { } data || Text(data[key!]) is not { } id ? null : $"{prefix}:{id}";
    }

    /// <summary>
    /// The problems with one subject: its records (oldest first) against its stored row (column → value as text; null
    /// when there is no row). Values compare as text: numbers in their JSON form, booleans as <c>true</c>/<c>false</c>.
    /// </summary>
    public static IEnumerable<AuditProblem> Reconcile(string subject, IReadOnlyList<AuditStateEvent> events, IReadOnlyDictionary<string, string?>? row)
    {
        var prefix = subject[..subject.IndexOf(':', StringComparison.Ordinal)];
        var table = Tables.GetValueOrDefault(prefix, prefix);
        var id = subject[(prefix.Length + 1)..];
        var expected = new Dictionary<string, (string? Value, long Sequence, string Kind)>(StringComparer.Ordinal);
        long created = 0;
        var first = (Sequence: 0L, Kind: "");
        foreach (var e in events)
        {
            if (!long.TryParse(e.Sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || e.Kind is null || Parse(e.Content) is not { } data)
            {
                continue;
            }

            first = first.Sequence == 0 ? (sequence, e.Kind) : first;
            created = Fold(e.Kind, data, (column, value) => expected[column] = (value, sequence, e.Kind), column => expected.Remove(column)) ? sequence : created;
        }

        if (row is null)
        {
            if (first.Sequence != 0)
            {
                yield return new AuditProblem(first.Sequence, "missing-row",
                    $"record #{first.Sequence} ({AuditRowParser.Label(first.Kind)}) vouches for {table} row {AuditRowParser.Show(id)}, which is missing: it was deleted", subject);
            }

            yield break;
        }

        if (created == 0)
        {
            yield return new AuditProblem(0, "unaccounted-row",
                $"{table} row {AuditRowParser.Show(id)} is not accounted for by any audit record of its creation: it was inserted outside the server (or its record was deleted)", subject);
            if (first.Sequence == 0)
            {
                yield break;
            }
        }

        foreach (var (column, (value, sequence, kind)) in expected.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var stored = row.TryGetValue(column, out var s) ? s : null;
            if (!Same(column, stored, value))
            {
                yield return new AuditProblem(sequence, "row-differs",
                    $"{table} row {AuditRowParser.Show(id)}: {column} is {AuditRowParser.Show(stored)} but record #{sequence} ({AuditRowParser.Label(kind)}) recorded {AuditRowParser.Show(value)}", subject, column);
            }
        }
    }

    /// <summary>Applies one record to the expected columns; true when the record creates the row.</summary>
    private static bool Fold(string kind, JsonObject data, Action<string, string?> set, Action<string> forget)
    {
        void Copy(string column, string field) => set(column, Text(data[field]));

        void Hashes()
        {
            foreach (var (column, field) in new[] { ("facts_hash", "factsHash"), ("policy_hash", "policyHash") })
            {
                if (data.ContainsKey(field))
                {
                    Copy(column, field);
                }
                else
                {
                    forget(column);
                }
            }
        }

        switch (kind)
        {
            case "signoff.dismissed":
                set("dismissed", "true");
                return false;
            case not null when kind.StartsWith("signoff.", StringComparison.Ordinal):
                Copy("change_id", "change");
                Copy("change_key", "key");
                Copy("person_id", "person");
                set("kind", kind["signoff.".Length..]);
                Copy("patch_id", "patchId");
                Copy("revision", "revision");
                Copy("rules", "rules");
                set("dismissed", "false");
                return true;
            case "token.created":
                Copy("name", "name");
                Copy("scope", "scope");
                Copy("person_id", "person");
                Copy("expires_at", "expiresAt");
                set("revoked", "false");
                return true;
            case "token.revoked":
                set("revoked", "true");
                return false;
            case "deploy.decided":
                Copy("repository", "repository");
                Copy("service", "service");
                Copy("environment", "environment");
                Copy("from_sha", "from");
                Copy("to_sha", "to");
                Copy("allowed", "allowed");
                return true;
            case "change.registered":
                Copy("repository", "repository");
                Copy("change_key", "key");
                Copy("revision", "revision");
                Copy("head_sha", "head");
                Copy("patch_id", "patchId");
                Hashes();
                return true;
            case "change.revision-added":
                Copy("revision", "revision");
                Copy("head_sha", "head");
                Copy("patch_id", "patchId");
                Hashes();
                return false;
            case "change.updated":
                Hashes();
                return false;
            case "change.evaluated":
                Copy("status", "status");
                Copy("revision", "revision");
                Copy("patch_id", "patchId");
                return false;
            default:
                return false;
        }
    }

    /// <summary>Whether a stored value is the recorded one (JSON columns compare in canonical form).</summary>
    private static bool Same(string column, string? stored, string? recorded)
    {
        if (column != "rules" || stored is null || recorded is null)
        {
            return stored == recorded;
        }

        try
        {
            return CanonicalJson.Canonicalize(stored) == recorded;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonObject? Parse(string? content)
    {
        try
        {
            return content is null ? null : JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A JSON value as the state tables hold it in text: strings as themselves, numbers and booleans in JSON form, arrays and objects canonical.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        JsonValue v => v.ToJsonString(),
        _ => CanonicalJson.Canonicalize(node),
    };
}
