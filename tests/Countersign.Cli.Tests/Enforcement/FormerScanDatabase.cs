namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// A scan database as countersign wrote it before the data layer kept local sign-offs: the scan store's schema
/// versions 1 and 2, copied verbatim from src/Countersign.Storage/SqliteSchema.cs as it was (do not edit: it is the
/// fixture of the move, not the current schema).
/// </summary>
internal static class FormerScanDatabase
{
    public const string Ddl = """
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
        CREATE TABLE signoffs (
            id             TEXT PRIMARY KEY,
            repo_id        INTEGER NOT NULL REFERENCES repositories(id),
            change_key     TEXT NOT NULL,
            person_id      TEXT NOT NULL,
            kind           TEXT NOT NULL,
            patch_id       TEXT NOT NULL,
            file_patch_ids TEXT NOT NULL,
            head_sha       TEXT NOT NULL,
            at             TEXT NOT NULL,
            comment        TEXT
        );
        CREATE INDEX signoffs_by_change ON signoffs(repo_id, change_key);
        CREATE INDEX signoffs_by_patch ON signoffs(repo_id, patch_id);
        CREATE TABLE deploy_decisions (
            id          INTEGER PRIMARY KEY,
            repo_id     INTEGER NOT NULL REFERENCES repositories(id),
            service     TEXT NOT NULL,
            environment TEXT NOT NULL,
            from_sha    TEXT,
            to_sha      TEXT NOT NULL,
            allowed     INTEGER NOT NULL,
            summary     TEXT NOT NULL,
            at          TEXT NOT NULL
        );
        CREATE INDEX deploy_decisions_by_target ON deploy_decisions(repo_id, service, environment, at);
        PRAGMA user_version = 2;
        """;
}
