using System.Globalization;
using System.Text.Json;

namespace Countersign.Core.Audit;

/// <summary>
/// Reads a stored <see cref="AuditRow"/> into an <see cref="AuditRecord"/>, naming every column that is not well formed:
/// a sequence that is not a positive integer, a time not in <see cref="AuditChain.TimeFormat"/>, an empty kind or actor,
/// content that is not a canonical JSON object, hashes that are not 64 lower-case hex digits.
/// </summary>
public static class AuditRowParser
{
    /// <summary>Quotes as JSON does, escaping control and format characters but not quotes as <c>\u0022</c>.</summary>
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record, or null when a column is malformed (each one is added to <paramref name="problems"/>).</summary>
    /// <param name="row">The stored row.</param>
    /// <param name="after">The sequence of the row read before it, to place a row whose own sequence is garbled.</param>
    /// <param name="problems">Receives one <c>malformed</c> problem per bad column.</param>
    public static AuditRecord? Parse(AuditRow row, long after, List<AuditProblem> problems)
    {
        var before = problems.Count;
        long? sequence = long.TryParse(row.Sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;
        var where = sequence is { } n ? $"record #{n}" : $"the record after #{after}";
        if (sequence is null)
        {
            Bad("sequence", row.Sequence, "is not a positive integer");
        }

        var at = AuditChain.ParseTime(row.At);
        if (at is null)
        {
            Bad("at", row.At, $"is not a time in the stored form ({AuditChain.TimeFormat})");
        }

        if (string.IsNullOrWhiteSpace(row.Kind))
        {
            Bad("kind", row.Kind, "is empty");
        }

        if (string.IsNullOrWhiteSpace(row.Actor))
        {
            Bad("actor", row.Actor, "is empty");
        }

        if (CanonicalContent(row.Content) is { } why)
        {
            Bad("content", row.Content, why);
        }

        if (!IsHash(row.PreviousHash))
        {
            Bad("previous_hash", row.PreviousHash, "is not 64 lower-case hex digits");
        }

        if (!IsHash(row.Hash))
        {
            Bad("hash", row.Hash, "is not 64 lower-case hex digits");
        }

        return problems.Count > before
            ? null
            : new AuditRecord(sequence!.Value, at!.Value, row.Kind!, row.Actor!, row.Content!, row.PreviousHash!, row.Hash!);

        void Bad(string field, string? value, string what) =>
            problems.Add(new AuditProblem(sequence ?? after + 1, "malformed", $"{where} is malformed: its {field} {Show(value)} {what}", Field: field));
    }

    /// <summary>Whether <paramref name="text"/> is a hash as the chain writes it.</summary>
    public static bool IsHash(string? text) => text is { Length: 64 } && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>A record's kind as a message shows it: as is when it looks like a kind (<c>signoff.approve</c>), else quoted like <see cref="Show"/>.</summary>
    public static string Label(string? kind) =>
        kind is { Length: > 0 and <= 60 } && kind.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_') ? kind : Show(kind);

    /// <summary>A stored value as a message shows it: quoted, control characters escaped, cut at 60 characters.</summary>
    public static string Show(string? value) => value is null
        ? "(NULL)"
        : JsonSerializer.Serialize(value.Length > 60 ? string.Concat(value.AsSpan(0, 59), "…") : value, Quoting);

    private static string? CanonicalContent(string? content)
    {
        if (content is null)
        {
            return "is missing";
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(content) is not System.Text.Json.Nodes.JsonObject ? "is not a JSON object"
                : CanonicalJson.Canonicalize(content) != content ? "is not in the canonical form the chain writes" : null;
        }
        catch (JsonException)
        {
            return "is not JSON";
        }
    }
}
