namespace Countersign.Storage;

/// <summary>
/// The scan cache's SQLite schema as an ordered list of migrations. It is a cache (commits, files and summaries read
/// from git; deleting the file costs a rescan, nothing else): records that must not be lost — sign-offs, deploy
/// decisions and their audit chain — are kept by the one data layer, Countersign.Data (docs/architecture.md). A
/// database records the number applied in <c>PRAGMA user_version</c>; opening applies the missing ones in one
/// transaction. Migrations are only ever appended, and each keeps the data of the ones before it (times are ISO-8601
/// UTC text, JSON is text); v2 alone was emptied when its tables moved to the data layer, which moves their rows.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The indexes on the scan's bulk tables, exactly as the first migration creates them. A scan into tables with no
    /// rows drops them and creates them again after its rows (<see cref="ScanWriter"/>), in the same transaction.
    /// </summary>
    public static readonly (string Name, string Create)[] BulkIndexes =
    [
        ("commits_by_sha", "CREATE UNIQUE INDEX commits_by_sha ON commits(repo_id, sha)"),
        ("commits_by_ordinal", "CREATE INDEX commits_by_ordinal ON commits(repo_id, ordinal)"),
        ("commit_files_by_commit", "CREATE INDEX commit_files_by_commit ON commit_files(repo_id, sha)"),
    ];

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE repositories (
            id            INTEGER PRIMARY KEY,
            path          TEXT NOT NULL UNIQUE,
            kind          TEXT NOT NULL,
            last_scan_at  TEXT
        );
        CREATE TABLE commits (
            repo_id          INTEGER NOT NULL REFERENCES repositories(id),
            sha              TEXT NOT NULL,
            ordinal          INTEGER NOT NULL,
            parents          TEXT NOT NULL,
            author_name      TEXT NOT NULL,
            author_email     TEXT NOT NULL,
            author_time      INTEGER NOT NULL,
            author_offset    INTEGER NOT NULL,
            committer_name   TEXT NOT NULL,
            committer_email  TEXT NOT NULL,
            committer_time   INTEGER NOT NULL,
            committer_offset INTEGER NOT NULL,
            subject          TEXT NOT NULL,
            message          TEXT NOT NULL,
            is_merge         INTEGER NOT NULL,
            files            INTEGER NOT NULL,
            added            INTEGER NOT NULL,
            deleted          INTEGER NOT NULL,
            read_problem     TEXT NOT NULL,
            ai_status        TEXT NOT NULL,
            ai_assisted      INTEGER NOT NULL,
            ai_tools         TEXT NOT NULL,
            ai_confidence    REAL NOT NULL,
            ai_evidence      TEXT NOT NULL,
            ai_lines         INTEGER,
            human_lines      INTEGER,
            unknown_lines    INTEGER,
            line_sources     TEXT,
            ns INTEGER NOT NULL, nd INTEGER NOT NULL, nf INTEGER NOT NULL, entropy REAL NOT NULL,
            la INTEGER NOT NULL, ld INTEGER NOT NULL, lt INTEGER NOT NULL, fix INTEGER NOT NULL,
            ndev INTEGER NOT NULL, age REAL NOT NULL, nuc INTEGER NOT NULL,
            exp INTEGER NOT NULL, rexp REAL NOT NULL, sexp INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX commits_by_sha ON commits(repo_id, sha);
        CREATE INDEX commits_by_ordinal ON commits(repo_id, ordinal);
        CREATE TABLE commit_files (
            repo_id       INTEGER NOT NULL,
            sha           TEXT NOT NULL,
            path          TEXT NOT NULL,
            old_path      TEXT,
            added         INTEGER,
            deleted       INTEGER,
            is_binary     INTEGER NOT NULL,
            ai_lines      INTEGER,
            human_lines   INTEGER,
            unknown_lines INTEGER
        );
        CREATE INDEX commit_files_by_commit ON commit_files(repo_id, sha);
        CREATE TABLE scan_tips (
            repo_id INTEGER NOT NULL,
            sha     TEXT NOT NULL,
            PRIMARY KEY (repo_id, sha)
        ) WITHOUT ROWID;
        CREATE TABLE scan_state (
            repo_id   INTEGER PRIMARY KEY,
            jit_state TEXT NOT NULL
        );
        CREATE TABLE summary_cache (
            repo_id   INTEGER NOT NULL,
            selection TEXT NOT NULL,
            state     TEXT NOT NULL,
            summary   TEXT NOT NULL,
            PRIMARY KEY (repo_id, selection)
        );
        CREATE TABLE scan_diagnostics (
            repo_id  INTEGER NOT NULL,
            sha      TEXT NOT NULL,
            severity TEXT NOT NULL,
            source   TEXT NOT NULL,
            line     INTEGER,
            col      INTEGER,
            field    TEXT,
            message  TEXT NOT NULL
        );
        """,

        // v2 held local enforcement's sign-offs and deploy decisions (signoffs, deploy_decisions). They are kept in the
        // local record now (Countersign.Data's LocalRecord, with the server's schema and audit chain), which moves the rows
        // of a database made before out of it on first open and drops the two tables; a new database never has them.
        "SELECT 0;",
    ];
}
