using Countersign.Core.Organisation;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Organisation;

public sealed class CatalogOrgImportTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Ownership", "Catalog", "Data", "acme-corp");

    private static Catalog Acme() => CatalogReader.ReadFollowingLocations(["all.yaml", "acme-corp.yaml"], path =>
    {
        var full = Path.Combine(DataDirectory, path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }).Catalog;

    [Fact]
    public void TheRealAcmeCorpGroupsAndUsersBecomeTeamsAndPeople()
    {
        var result = CatalogOrgImport.Import(Acme());
        var org = result.Directory;

        var calum = Assert.Single(org.People, p => p.Id == "calum.leavy");
        Assert.Equal("Calum Leavy", calum.Name);
        Assert.Equal(["calum-leavy@example.com"], calum.Emails);
        Assert.Equal(["team-c"], calum.Teams);
        Assert.Null(calum.Level);
        Assert.Equal("boxoffice", org.FindTeam("team-c")!.Parent);
        Assert.Contains(org.MembersOf("boxoffice"), p => p.Id == "calum.leavy");
    }

    [Fact]
    public void ImportedPeopleResolveFromTheirProfileEmail()
    {
        var resolver = new IdentityResolver(CatalogOrgImport.Import(Acme()).Directory);

        var match = resolver.Resolve("Calum L.", "Calum-Leavy@example.com");

        Assert.True(match.IsResolved);
        Assert.Equal("calum.leavy", match.Person!.Id);
    }

    [Fact]
    public void ALevelAnnotationGivesTheLevelAndAnUnknownOneIsReported()
    {
        const string yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: { name: payments }
            spec: { type: team, children: [] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: sofia
              annotations: { countersign.io/level: senior }
            spec: { profile: { email: sofia@acme.example }, memberOf: [payments] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: tom
              annotations: { countersign.io/level: ninja }
            spec: { memberOf: [payments] }
            """;
        var catalog = CatalogReader.Read([(yaml, "org.yaml")]).Catalog;

        var result = CatalogOrgImport.Import(catalog);

        Assert.True(result.Directory.IsAtLeast(result.Directory.FindPerson("sofia")!, "senior"));
        Assert.Null(result.Directory.FindPerson("tom")!.Level);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Contains("ninja", warning.Message, StringComparison.Ordinal);
        Assert.Equal("org.yaml", warning.Source);
    }
}
