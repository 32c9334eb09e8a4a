using Countersign.Demo;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Demo;

/// <summary>One demo workspace shared by the read-only tests of a class (creating it takes well under a second).</summary>
public sealed class DemoWorkspaceFixture : IDisposable
{
    private readonly string _parent = TempGitRepo.NewTempDirectory("demo");

    public DemoWorkspaceFixture() => Info = DemoWorkspace.Create(Path.Combine(_parent, "acme-shop"));

    internal DemoWorkspaceInfo Info { get; }

    public string Git(string arguments) => TempGitRepo.RunGit(Info.RepositoryPath, arguments);

    public void Dispose() => DemoTestFolders.Delete(_parent);
}
