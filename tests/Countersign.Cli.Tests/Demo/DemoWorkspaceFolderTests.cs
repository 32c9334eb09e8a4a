using Countersign.Demo;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Demo;

public sealed class DemoWorkspaceFolderTests : IDisposable
{
    private readonly string _parent = TempGitRepo.NewTempDirectory("demo-folders");

    [Fact]
    public void RecreatingReplacesThePreviousWorkspaceWithTheSameHistory()
    {
        var dir = Path.Combine(_parent, "ws");
        var first = DemoWorkspace.Create(dir);
        File.WriteAllText(Path.Combine(dir, "scratch.txt"), "left over from a previous run\n");

        var second = DemoWorkspace.Create(dir);

        Assert.False(File.Exists(Path.Combine(dir, "scratch.txt")));
        Assert.Equal(first.Truth.Select(t => t.Sha), second.Truth.Select(t => t.Sha));
        Assert.Equal(first.Truth[^1].Sha, TempGitRepo.RunGit(dir, "rev-parse HEAD").Trim());
    }

    [Fact]
    public void RefusesAFolderThatHasOtherContent()
    {
        var dir = Path.Combine(_parent, "mine");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "thesis.md"), "do not delete\n");

        var error = Assert.Throws<DemoWorkspaceException>(() => DemoWorkspace.Create(dir));

        Assert.Contains("not a Countersign demo workspace", error.Message, StringComparison.Ordinal);
        Assert.Equal("do not delete\n", File.ReadAllText(Path.Combine(dir, "thesis.md")));
    }

    [Fact]
    public void RefusesAnotherGitRepository()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("Someone's real work");

        Assert.Throws<DemoWorkspaceException>(() => DemoWorkspace.Create(repo.Path));
        Assert.Equal("1", repo.Git("rev-list --count HEAD").Trim());
    }

    [Fact]
    public void CreatesTheFolderWhenItDoesNotExistAndReportsProgress()
    {
        var messages = new List<string>();
        var info = DemoWorkspace.Create(Path.Combine(_parent, "new", "nested"), new SynchronousProgress(messages));

        Assert.True(Directory.Exists(Path.Combine(info.RepositoryPath, ".git")));
        Assert.Contains(messages, m => m.Contains("fast-import", StringComparison.Ordinal));
    }

    public void Dispose() => DemoTestFolders.Delete(_parent);

    private sealed class SynchronousProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
