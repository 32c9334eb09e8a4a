using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Countersign.Core.Audit;

/// <summary>
/// Builds the hash chain: each record's hash is SHA-256 over the previous record's hash and a canonical encoding of
/// its own sequence number, time, kind, actor and content. Appending is pure; storing the record in the same
/// transaction as the state change it describes is the store's job.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The record that follows <paramref name="previous"/> (null for the first).</summary>
    public static AuditRecord Next(AuditRecord? previous, DateTimeOffset at, string kind, string actor, JsonNode? content)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Genesis;
        var canonical = CanonicalJson.Canonicalize(content);
        var utc = at.ToUniversalTime();
        return new AuditRecord(sequence, utc, kind, actor, canonical, previousHash, HashOf(sequence, utc, kind, actor, canonical, previousHash));
    }

    /// <summary>The hash a record with these fields must carry.</summary>
    public static string HashOf(long sequence, DateTimeOffset at, string kind, string actor, string canonicalContent, string previousHash)
    {
        var envelope = new JsonObject
        {
            ["actor"] = actor,
            ["at"] = FormatTime(at),
            ["content"] = JsonNode.Parse(canonicalContent),
            ["kind"] = kind,
            ["previous"] = previousHash,
            ["sequence"] = sequence,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Canonicalize(envelope))));
    }

    /// <summary>The one form a record's time is stored and hashed in: UTC, seven fractional digits, <c>Z</c>.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary><paramref name="at"/> in <see cref="TimeFormat"/>.</summary>
    public static string FormatTime(DateTimeOffset at) => at.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The time in <paramref name="text"/> when it is exactly in <see cref="TimeFormat"/>; null otherwise (any other form is not what was hashed).</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        text is not null && DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    /// <summary>The hash recomputed from the record's own fields.</summary>
    public static string Recompute(AuditRecord record) =>
        HashOf(record.Sequence, record.At, record.Kind, record.Actor, record.Content, record.PreviousHash);
}
