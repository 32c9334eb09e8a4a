using Countersign.Cli.Tests.Enforcement;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>
/// A database that is damaged, is not SQLite, or names a folder: every command that opens it says which file and
/// what is wrong, in one line, with the documented exit code — never a stack trace.
/// </summary>
public sealed class DamagedDatabaseTests : IDisposable
{
    private readonly PolicyShop shop = PolicyShop.Create();
    private readonly string folder = TempGitRepo.NewTempDirectory("damaged-db");

    private string Db => Path.Combine(folder, "r.db");

    public void Dispose()
    {
        shop.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A database with scan results and a sign-off in it, then garbage over its second 4 KiB page.</summary>
    private void DamageAfterUse()
    {
        Assert.Equal(0, shop.Run("scan", ".", "--db", Db).ExitCode);
        Assert.Equal(0, shop.Approve("erin", "--db", Db).ExitCode);
        using (var file = new FileStream(Db, FileMode.Open, FileAccess.Write))
        {
            file.Seek(4096, SeekOrigin.Begin);
            file.Write(Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 + 13)).ToArray());
        }
    }

    public static TheoryData<string> CommandsThatOpenTheStore => new()
    {
        "scan . --db {db}",
        "scan . --rescan --db {db}",
        $"check --base main --head {PolicyShop.Feature} --db {{db}}",
        $"approve --base main --head {PolicyShop.Feature} --as sam --db {{db}}",
        $"reject --base main --head {PolicyShop.Feature} --as sam --db {{db}}",
        $"break-glass --base main --head {PolicyShop.Feature} --as sam --reason {{reason}} --db {{db}}",
        "deploy-gate --service payments --environment production --to main --db {db}",
    };

    private (int ExitCode, string Stdout, string Stderr) Run(string command) =>
        shop.Run(command.Split(' ').Select(a => a.Replace("{db}", Db, StringComparison.Ordinal)
            .Replace("{reason}", "the-payments-outage-needs-this-fix-now", StringComparison.Ordinal)).ToArray());

    [Theory]
    [MemberData(nameof(CommandsThatOpenTheStore))]
    public void ADatabaseWithCorruptedPagesIsExitThreeNamingTheFileAndWhatToDo(string command)
    {
        DamageAfterUse();
        var (code, _, stderr) = Run(command);
        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains(stderr.Split('\n'), line => line.StartsWith($"countersign: error: {Db}: ", StringComparison.Ordinal));
        Assert.Contains("malformed", stderr, StringComparison.Ordinal);
        Assert.Contains("move it aside", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n'), line => line.StartsWith("countersign: error:", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CommandsThatOpenTheStore))]
    public void AFileThatIsNotSqliteIsExitThreeNamingTheFile(string command)
    {
        File.WriteAllText(Db, new string('x', 8192));
        var (code, _, stderr) = Run(command);
        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains(stderr.Split('\n'), line => line.StartsWith($"countersign: error: {Db}: ", StringComparison.Ordinal));
        Assert.Contains("not a database", stderr, StringComparison.Ordinal);
        Assert.Equal(new string('x', 8192), File.ReadAllText(Db));
    }

    [Theory]
    [MemberData(nameof(CommandsThatOpenTheStore))]
    public void ADatabasePathThatIsAFolderIsAUsageErrorNamingTheOption(string command)
    {
        Directory.CreateDirectory(Db);
        var (code, _, stderr) = Run(command);
        Assert.True(code == 2, $"exit {code}: {stderr}");
        Assert.Contains($"--db {Db}: is a folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ADatabaseUnderAFileIsAUsageErrorNamingTheOption()
    {
        File.WriteAllText(Db, "");
        var (code, _, stderr) = shop.Run("scan", ".", "--db", Path.Combine(Db, "inner.db"));
        Assert.Equal(2, code);
        Assert.Contains($"{Db} is a file, not a folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerRefusesToStartOnADamagedDatabaseWithExitThreeNamingIt()
    {
        var cancel = TestContext.Current.CancellationToken;
        var server = Path.Combine(folder, "server.db");
        File.WriteAllText(server, new string('x', 8192));
        var run = Task.Run(() => CliRunner.Run(folder, "serve", "--database", server, "--urls", "http://127.0.0.1:0"), cancel);
        var (code, _, stderr) = await run.WaitAsync(TimeSpan.FromSeconds(60), cancel);
        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains(server, stderr, StringComparison.Ordinal);
        Assert.Contains("not a database", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerifyOnAFileThatIsNotADatabaseNamesItWithExitThree()
    {
        var server = Path.Combine(folder, "server.db");
        File.WriteAllText(server, new string('x', 8192));
        var (code, _, stderr) = CliRunner.Run(folder, "audit", "verify", "--database", server);
        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains(server, stderr, StringComparison.Ordinal);
        Assert.Contains("not a database", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommitsOutPathThatIsAFolderIsAUsageErrorBeforeAnyScanning()
    {
        Directory.CreateDirectory(Path.Combine(folder, "out"));
        var (code, _, stderr) = shop.Run("scan", ".", "--db", Db, "--commits-out", Path.Combine(folder, "out"));
        Assert.Equal(2, code);
        Assert.Contains($"--commits-out {Path.Combine(folder, "out")}: is a folder", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Db), "the scan ran before the mistake was reported");
    }

    [Fact]
    public void AnAuditExportOutputThatIsAFolderIsAUsageErrorNamingTheOption()
    {
        var (code, _, stderr) = CliRunner.Run(folder, "audit", "export", "--database", Path.Combine(folder, "none.db"), "--output", folder);
        Assert.Equal(2, code);
        Assert.Contains($"--output {folder}: is a folder", stderr, StringComparison.Ordinal);
    }
}
