using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Countersign.Core.Reporting;
using Countersign.Git;
using Countersign.Storage;

namespace Countersign.Engine.Scanning;

/// <summary>
/// The report over a scan's selection (<c>countersign scan</c>): the AI share and its breakdowns, built from the
/// stored per-commit facts. When the scan stored nothing new and the selection still resolves to the same tips (and
/// the same <c>.mailmap</c>), the report cached by the previous scan is reused instead of re-reading every commit.
/// </summary>
public static class ScanReport
{
    /// <summary>How a report is cached in the store: camelCase, no nulls, enums by their documented names.</summary>
    private static readonly JsonSerializerOptions CacheJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new Countersign.Core.Json.StrictEnumConverterFactory() },
        TypeInfoResolver = Countersign.Core.Json.ScanJsonContext.Default,
    };

    /// <summary>The report on the commits of <paramref name="selection"/> that <paramref name="outcome"/>'s scan stored in <paramref name="store"/>.</summary>
    /// <exception cref="GitCommandException">Git failed.</exception>
    /// <exception cref="StorageException">The store failed.</exception>
    public static ScanSummary Summarize(GitRepository repository, ScanStore store, RevisionSelection selection, ScanOutcome outcome)
    {
        var selectionKey = SelectionKey(selection);
        var mailmap = ScanMailmap.Load(repository);
        var state = string.Join(',', outcome.Tips.Order(StringComparer.Ordinal)) + "@" + store.HistoryVersion(outcome.RepositoryId)
            + "+mailmap:" + mailmap.Fingerprint;
        if (outcome.NewCommits == 0 && store.CachedSummary(outcome.RepositoryId, selectionKey, state) is { } cached
            && JsonSerializer.Deserialize<ScanSummary>(cached, CacheJson) is { } previous)
        {
            return previous with { NewlyScanned = 0 };
        }

        var rows = store.ReadSummaryRows(outcome.RepositoryId);
        var selected = (outcome.Selected ?? repository.ListCommits(selection)).Select(sha => rows.GetValueOrDefault(sha)).OfType<CommitSummaryRow>().ToList();
        var summary = ScanSummaryBuilder.Build(repository.Path, repository.Kind.ToString(), selected, outcome.NewCommits, store.DiagnosticCount(outcome.RepositoryId), mailmap.Mailmap);
        store.CacheSummary(outcome.RepositoryId, selectionKey, state, JsonSerializer.Serialize(summary with { Timing = null }, CacheJson));
        return summary;
    }

    /// <summary>
    /// The selection as the cache's key: <c>{"AllRefs":…,"Revisions":[…],"since":…}</c>, the text earlier versions
    /// stored (an anonymous object through the serializer's defaults), written directly.
    /// </summary>
    internal static string SelectionKey(RevisionSelection selection)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("AllRefs", selection.AllRefs);
            json.WriteStartArray("Revisions");
            foreach (var revision in selection.Revisions)
            {
                json.WriteStringValue(revision);
            }

            json.WriteEndArray();
            if (selection.Since is { } since)
            {
                json.WriteNumber("since", since.ToUnixTimeSeconds());
            }
            else
            {
                json.WriteNull("since");
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
