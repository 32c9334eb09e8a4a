using Countersign.Cli.Tests;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Audit;

/// <summary>
/// Migration 5 lets a sign-off have no server change (local enforcement's record uses the server's schema): on
/// SQLite it rebuilds the <c>signoffs</c> table, on PostgreSQL it drops a NOT NULL. Run on a server database that
/// holds sign-offs, it keeps every row as it was and the audit chain intact.
/// </summary>
public sealed class SignOffsWithoutAChangeMigrationTests(OneVerifierTests.Originals originals) : IClassFixture<OneVerifierTests.Originals>
{
    private const string SignOffRows =
        "SELECT id || '|' || CAST(change_id AS TEXT) || '|' || person_id || '|' || kind || '|' || patch_id || '|' || rules || '|' || attestation FROM signoffs";

    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task A_server_database_keeps_every_sign_off_and_an_intact_chain_through_the_migration(Store store)
    {
        var db = await originals.CopyAsync(store, "migration-5");
        var before = TamperedDatabase.Text(store, db, SignOffRows);
        TamperedDatabase.Execute(store, db, "DELETE FROM schema_migrations WHERE version = 5");

        await using (await TestServer.StartAsync(store, db))
        {
            // Starting migrates the database again.
        }

        // Migration 5 applied again, and every later one after it.
        Assert.Equal(1, TamperedDatabase.Scalar(store, db, "SELECT COUNT(*) FROM schema_migrations WHERE version = 5"));
        Assert.True(TamperedDatabase.Scalar(store, db, "SELECT MAX(version) FROM schema_migrations") >= 7);
        Assert.Equal(before, TamperedDatabase.Text(store, db, SignOffRows));
        var verify = CliRunner.Run(originals.Folder, "audit", "verify", "--database", db);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains("audit log intact", verify.Stdout, StringComparison.Ordinal);
    }
}
