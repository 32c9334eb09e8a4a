using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.SignOffs;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Countersign.Data;

/// <summary>
/// Moves the sign-offs and deploy decisions a former countersign kept in its scan database (the <c>signoffs</c> and
/// <c>deploy_decisions</c> tables of the scan store's schema version 2, keyed by <c>repo_id</c>) into the local record,
/// once: every row is written with an audit record by <c>system</c> naming where it came from, and a setting marks
/// the move done in the same transaction. Only then are the former tables dropped from the scan database; if that
/// fails (the file is busy), the marker keeps a later open from moving them twice, and it drops them then.
/// </summary>
internal static class FormerLocalStore
{
    private const string MarkerPrefix = "moved-from-scan-database:";

    public static async Task ImportAsync(ServerDatabase record, string formerPath, DateTimeOffset now, CancellationToken cancellation)
    {
        if (!File.Exists(formerPath))
        {
            return;
        }

        await using var former = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = formerPath, Pooling = false, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 30 }.ToString());
        await former.OpenAsync(cancellation);
        if (!await HoldsFormerTablesAsync(former))
        {
            return;
        }

        var signOffs = (await former.QueryAsync<FormerSignOff>(
            """
            SELECT s.id AS Id, COALESCE(r.path, 'repository ' || s.repo_id) AS Repository, s.change_key AS ChangeKey, s.person_id AS PersonId,
                s.kind AS Kind, s.patch_id AS PatchId, s.file_patch_ids AS FilePatchIds, s.head_sha AS HeadSha, s.at AS At, s.comment AS Comment
            FROM signoffs s LEFT JOIN repositories r ON r.id = s.repo_id ORDER BY s.at, s.id
            """)).ToList();
        var decisions = (await former.QueryAsync<FormerDecision>(
            """
            SELECT d.id AS Id, COALESCE(r.path, 'repository ' || d.repo_id) AS Repository, d.service AS Service, d.environment AS Environment,
                d.from_sha AS FromSha, d.to_sha AS ToSha, d.allowed AS Allowed, d.summary AS Summary, d.at AS At
            FROM deploy_decisions d LEFT JOIN repositories r ON r.id = d.repo_id ORDER BY d.id
            """)).ToList();

        if (signOffs.Count + decisions.Count > 0)
        {
            await record.WriteAsync(async scope =>
            {
                var marker = MarkerPrefix + formerPath;
                if (await scope.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM settings WHERE name = @marker", new { marker }, scope.Transaction) > 0)
                {
                    return 0;
                }

                var from = new JsonObject { ["movedFrom"] = formerPath };
                foreach (var s in signOffs)
                {
                    if (await SignOffStore.ByIdAsync(scope.Connection, scope.Transaction, s.Id) is null)
                    {
                        await LocalRecord.RecordSignOffAsync(scope, s.Repository, s.ToSignOff(), "system", from);
                    }
                }

                foreach (var d in decisions)
                {
                    var extra = new JsonObject { ["movedFrom"] = formerPath, ["formerId"] = d.Id };
                    await LocalRecord.RecordDeployAsync(scope, d.Repository, d.ToDecision(), "system", extra);
                }

                var value = new JsonObject { ["signOffs"] = signOffs.Count, ["deployDecisions"] = decisions.Count, ["at"] = Db.Time(scope.Now) }.ToJsonString();
                await scope.Connection.ExecuteAsync("INSERT INTO settings (name, value) VALUES (@marker, @value)", new { marker, value }, scope.Transaction);
                return 1;
            }, now, cancellation);
        }

        try
        {
            await using var transaction = await former.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellation);
            await former.ExecuteAsync("DROP TABLE IF EXISTS signoffs; DROP TABLE IF EXISTS deploy_decisions;", transaction: transaction);
            await transaction.CommitAsync(cancellation);
        }
        catch (SqliteException)
        {
            // Busy (a long scan) or read-only: everything is in the record and marked moved; the next open drops them.
        }
    }

    /// <summary>Whether the file has the scan store's sign-off tables (a <c>signoffs</c> keyed by <c>repo_id</c>).</summary>
    private static async Task<bool> HoldsFormerTablesAsync(SqliteConnection former)
    {
        try
        {
            var columns = (await former.QueryAsync<string>("SELECT name FROM pragma_table_info('signoffs')")).ToList();
            return columns.Contains("repo_id", StringComparer.Ordinal);
        }
        catch (SqliteException)
        {
            return false; // not a database at all: the scan store says so when it opens it
        }
    }

    private static DateTimeOffset Time(string at) =>
        DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record FormerSignOff(
        string Id, string Repository, string ChangeKey, string PersonId, string Kind, string PatchId, string FilePatchIds, string HeadSha, string At, string? Comment)
    {
        public SignOff ToSignOff() => new(
            Id, ChangeKey, PersonId,
            Kind switch { "approve" => SignOffKind.Approve, "reject" => SignOffKind.Reject, "break-glass" => SignOffKind.BreakGlass, _ => throw new InvalidDataException($"sign-off {Id} has the kind '{Kind}'") },
            PatchId, JsonSerializer.Deserialize<Dictionary<string, string>>(FilePatchIds) ?? [], HeadSha, Time(At), Comment);
    }

    private sealed record FormerDecision(long Id, string Repository, string Service, string Environment, string? FromSha, string ToSha, long Allowed, string Summary, string At)
    {
        public LocalDeployDecision ToDecision() => new(Service, Environment, FromSha, ToSha, Allowed != 0, Summary, Time(At));
    }
}
