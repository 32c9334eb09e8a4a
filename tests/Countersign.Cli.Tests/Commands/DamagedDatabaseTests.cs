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

    /// <summary>The local record of sign-offs beside <see cref="Db"/>.</summary>
    private string Record => Path.Combine(folder, "r.record.db");

    /// <summary>
    /// A scan database with scan results and a local record with a sign-off, then garbage over the file the command
    /// keeps its data in (the scan database's second 4 KiB page; every page of the record but its first).
    /// </summary>
    private void DamageAfterUse(string damaged)
    {
        Assert.Equal(0, shop.Run("scan", ".", "--db", Db).ExitCode);
        Assert.Equal(0, shop.Approve("erin", "--db", Db).ExitCode);
        // The second page, whatever the file's page size (new scan databases use 16 KiB pages: bytes 4096–8191 are then
        // unused space of the first page, which no reader looks at); the local record from its second page to the end.
        var pageSize = PageSize(damaged);
        var length = damaged == Db ? pageSize : (int)new FileInfo(damaged).Length - pageSize;
        using (var file = new FileStream(damaged, FileMode.Open, FileAccess.Write))
        {
            file.Seek(pageSize, SeekOrigin.Begin);
            file.Write(Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 13)).ToArray());
        }
    }

    /// <summary>The page size a SQLite file's header gives (big-endian at offset 16; 1 means 65536).</summary>
    private static int PageSize(string path)
    {
        var header = new byte[18];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        var size = (header[16] << 8) | header[17];
        return size == 1 ? 65536 : size;
    }

    /// <summary>Scans open the scan database; enforcement opens the local record beside it (and never needs the scan cache).</summary>
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

    private string FileOf(string command) => command.StartsWith("scan", StringComparison.Ordinal) ? Db : Record;

    [Theory]
    [MemberData(nameof(CommandsThatOpenTheStore))]
    public void ADatabaseWithCorruptedPagesIsExitThreeNamingTheFileAndWhatToDo(string command)
    {
        DamageAfterUse(FileOf(command));
        var (code, _, stderr) = Run(command);
        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains(stderr.Split('\n'), line => line.StartsWith($"countersign: error: {FileOf(command)}: ", StringComparison.Ordinal));
        Assert.Contains("malformed", stderr, StringComparison.Ordinal);
        Assert.Contains("move it aside", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n'), line => line.StartsWith("countersign: error:", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CommandsThatOpenTheStore))]
    public void AFileThatIsNotSqliteIsExitThreeNamingTheFile(string command)
    {
        var file = FileOf(command);
        File.WriteAllText(file, new string('x', 8192));
        var (code, _, stderr) = Run(command);
        Assert.True(code == 3, $"exit {code}: {stderr}");
        Assert.Contains(stderr.Split('\n'), line => line.StartsWith($"countersign: error: {file}: ", StringComparison.Ordinal));
        Assert.Contains("not a database", stderr, StringComparison.Ordinal);
        Assert.Equal(new string('x', 8192), File.ReadAllText(file));
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
