using System.Globalization;
using System.Text.Json;
using Countersign.Core.Provenance;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>Streams <see cref="StoredCommit"/>s of a repository in scan order, with their files.</summary>
internal static class StoredCommitReader
{
    public static IEnumerable<StoredCommit> Read(ScanStore store, long repoId)
    {
        using var files = store.Connection.CreateCommand();
        files.CommandText = "SELECT path, old_path, added, deleted, is_binary, ai_lines, human_lines, unknown_lines FROM commit_files WHERE repo_id = $repo AND sha = $sha";
        files.Parameters.AddWithValue("$repo", repoId);
        var shaParameter = files.Parameters.Add("$sha", SqliteType.Text);

        using var commits = store.Connection.CreateCommand();
        commits.CommandText = """
            SELECT sha, parents, author_name, author_email, author_time, author_offset, committer_name, committer_email,
                   committer_time, committer_offset, subject, is_merge, read_problem, ai_status, ai_assisted, ai_tools,
                   ai_confidence, ai_evidence, ai_lines, human_lines, unknown_lines, line_sources, files, added, deleted,
                   ns, nd, nf, entropy, la, ld, lt, fix, ndev, age, nuc, exp, rexp, sexp
            FROM commits WHERE repo_id = $repo ORDER BY ordinal
            """;
        commits.Parameters.AddWithValue("$repo", repoId);
        using var r = commits.ExecuteReader();
        while (r.Read())
        {
            var sha = r.GetString(0);
            shaParameter.Value = sha;
            var fileList = new List<StoredFile>();
            using (var fr = files.ExecuteReader())
            {
                while (fr.Read())
                {
                    fileList.Add(new StoredFile(fr.GetString(0), NullableString(fr, 1), NullableInt(fr, 2), NullableInt(fr, 3), fr.GetBoolean(4),
                        NullableInt(fr, 5), NullableInt(fr, 6), NullableInt(fr, 7)));
                }
            }

            var parents = r.GetString(1);
            var tools = r.GetString(15);
            var problem = r.GetString(12);
            var lines = r.IsDBNull(18) ? null : new StoredLines(r.GetInt64(18), r.GetInt64(19), r.GetInt64(20),
                (r.IsDBNull(21) ? "" : r.GetString(21)).Split(',', StringSplitOptions.RemoveEmptyEntries));
            yield return new StoredCommit(
                sha,
                parents.Length == 0 ? [] : parents.Split(' '),
                Identity(r, 2),
                Identity(r, 6),
                r.GetString(10),
                r.GetBoolean(11),
                problem.Length == 0 ? null : problem,
                new StoredProvenance(
                    r.GetBoolean(14),
                    r.GetString(13),
                    tools.Length == 0 ? [] : tools.Split(','),
                    r.GetDouble(16),
                    JsonSerializer.Deserialize<List<Evidence>>(r.GetString(17), StoredJson.Options) ?? [],
                    lines),
                new StoredStats(r.GetInt32(22), r.GetInt64(23), r.GetInt64(24), fileList.Count(f => f.Binary)),
                fileList,
                new StoredFeatures(r.GetInt32(25), r.GetInt32(26), r.GetInt32(27), r.GetDouble(28), r.GetInt32(29), r.GetInt32(30),
                    r.GetInt64(31), r.GetBoolean(32), r.GetInt32(33), r.GetDouble(34), r.GetInt32(35), r.GetInt32(36), r.GetDouble(37), r.GetInt32(38)));
        }
    }

    private static StoredIdentity Identity(SqliteDataReader r, int first)
    {
        var when = DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(first + 2)).ToOffset(TimeSpan.FromMinutes(r.GetInt64(first + 3)));
        return new StoredIdentity(r.GetString(first), r.GetString(first + 1), when.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? NullableInt(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}
