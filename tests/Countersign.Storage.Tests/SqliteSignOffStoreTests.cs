using Countersign.Core.SignOffs;
using Countersign.Testing;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage.Tests;

public sealed class SqliteSignOffStoreTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly string PatchA = new('a', 40);
    private static readonly string PatchB = new('b', 40);

    private static string NewDatabasePath() => Path.Combine(TempGitRepo.NewTempDirectory("signoffs"), "countersign.db");

    private static SignOff Approval(string id, string changeKey, string patchId, DateTimeOffset at, string person = "salvarez") =>
        new(id, changeKey, person, SignOffKind.Approve, patchId, new Dictionary<string, string> { ["src/a.cs"] = new string('1', 40) }, new string('c', 40), at);

    [Fact]
    public void ASignOffReadsBackWithEveryField()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));
        var files = new Dictionary<string, string> { ["src/b.cs"] = new string('2', 40), ["src/a.cs"] = new string('1', 40) };
        var given = new SignOff("so-1", "pr/42", "salvarez", SignOffKind.BreakGlass, PatchA, files, new string('c', 40), Monday, "Outage: payments down\nrolling forward");

        signOffs.Add(given);
        var read = Assert.Single(signOffs.ForChange("pr/42", PatchA));

        Assert.Equal((given.Id, given.ChangeKey, given.PersonId, given.Kind, given.PatchId, given.HeadSha, given.Comment),
            (read.Id, read.ChangeKey, read.PersonId, read.Kind, read.PatchId, read.HeadSha, read.Comment));
        Assert.Equal(files, read.FilePatchIds);
        Assert.Equal(Monday, read.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
    }

    [Fact]
    public void SignOffsAreFoundByChangeKeyOrBySameContentOldestFirstAndEachOnce()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));
        signOffs.Add(Approval("late", "pr/42", PatchA, Monday.AddHours(3)));
        signOffs.Add(Approval("renamed-branch", "branch/feature-x", PatchA, Monday.AddHours(1)));
        signOffs.Add(Approval("older-content", "pr/42", PatchB, Monday));
        signOffs.Add(Approval("unrelated", "pr/7", PatchB, Monday.AddHours(2)));

        var found = signOffs.ForChange("pr/42", PatchA);

        Assert.Equal(["older-content", "renamed-branch", "late"], found.Select(s => s.Id));
    }

    [Fact]
    public void AnEmptyDiffMatchesSignOffsByChangeKeyOnly()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));
        signOffs.Add(Approval("mine", "pr/1", "", Monday));
        signOffs.Add(Approval("someone-elses-empty-change", "pr/2", "", Monday));

        Assert.Equal(["mine"], signOffs.ForChange("pr/1", "").Select(s => s.Id));
    }

    [Fact]
    public void SignOffsOfAnotherRepositoryInTheSameDatabaseAreNotSeen()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal")).Add(Approval("shop", "pr/1", PatchA, Monday));
        var other = new SqliteSignOffStore(store, store.Repository("/repos/other", "normal"));

        Assert.Empty(other.ForChange("pr/1", PatchA));
    }

    [Fact]
    public void RecordingTheSameSignOffAgainIsANoOpButAnotherUnderItsIdIsRefused()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));
        signOffs.Add(Approval("so-1", "pr/1", PatchA, Monday));

        signOffs.Add(Approval("so-1", "pr/1", PatchA, Monday));
        var conflict = Assert.Throws<InvalidOperationException>(() => signOffs.Add(Approval("so-1", "pr/1", PatchA, Monday, person: "mallory")));

        Assert.Contains("so-1", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("salvarez", Assert.Single(signOffs.ForChange("pr/1", PatchA)).PersonId);
    }

    [Fact]
    public void OverlongIdentifiersAreRefusedAndLongCommentsAreCut()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));

        Assert.Throws<ArgumentException>(() => signOffs.Add(Approval(new string('x', SqliteSignOffStore.MaxIdLength + 1), "pr/1", PatchA, Monday)));
        Assert.Throws<ArgumentException>(() => signOffs.Add(Approval("so-1", "pr/1", new string('a', 65), Monday)));
        signOffs.Add(Approval("so-2", "pr/1", PatchA, Monday) with { Comment = new string('!', 10_000) });

        var comment = Assert.Single(signOffs.ForChange("pr/1", PatchA)).Comment!;
        Assert.Equal(SqliteSignOffStore.MaxCommentLength, comment.Length);
        Assert.EndsWith("…", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployDecisionsAreListedNewestFirstAndFilteredByServiceAndEnvironment()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));
        var first = signOffs.RecordDeployDecision(new DeployDecision("payments", "production", null, PatchA, true, """{"changes":[]}""", Monday));
        signOffs.RecordDeployDecision(new DeployDecision("payments", "staging", PatchA, PatchB, true, "{}", Monday.AddHours(1)));
        signOffs.RecordDeployDecision(new DeployDecision("payments", "production", PatchA, PatchB, false, """{"blocked":"pr/9"}""", Monday.AddHours(2)));
        signOffs.RecordDeployDecision(new DeployDecision("checkout", "production", null, PatchB, true, "{}", Monday.AddHours(3)));

        var production = signOffs.DeployDecisions("payments", "production");

        Assert.True(first.Id > 0);
        Assert.Equal([false, true], production.Select(d => d.Allowed));
        Assert.Equal(("""{"blocked":"pr/9"}""", PatchA, PatchB), (production[0].Summary, production[0].FromSha, production[0].ToSha));
        Assert.Null(production[1].FromSha);
        Assert.Equal(Monday, production[1].At);
        Assert.Equal(3, signOffs.DeployDecisions(service: "payments").Count);
        Assert.Equal(3, signOffs.DeployDecisions(environment: "production").Count);
        Assert.Equal(["checkout", "payments", "payments", "payments"], signOffs.DeployDecisions().Select(d => d.Service));
    }

    [Fact]
    public void ADeployDecisionSummaryMustBeJson()
    {
        using var store = ScanStore.Open(NewDatabasePath());
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));

        Assert.Throws<ArgumentException>(() => signOffs.RecordDeployDecision(new DeployDecision("payments", "production", null, PatchA, true, "not json", Monday)));
    }

    [Fact]
    public void AFailingDatabaseIsReportedWithItsPath()
    {
        var path = NewDatabasePath();
        using var store = ScanStore.Open(path);
        var signOffs = new SqliteSignOffStore(store, store.Repository("/repos/shop", "normal"));
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = "DROP TABLE signoffs";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StorageException>(() => signOffs.Add(Approval("so-1", "pr/1", PatchA, Monday)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(error.InnerException);
    }
}
