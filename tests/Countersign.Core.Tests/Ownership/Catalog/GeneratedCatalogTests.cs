using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

public sealed class GeneratedCatalogTests
{
    [Fact]
    public void AGeneratedTenThousandComponentCatalogLoadsWithCorrectCounts()
    {
        var generated = CatalogGenerator.Generate(10_000);

        var result = CatalogReader.Read(generated.Files);

        Assert.Empty(result.Diagnostics);
        var catalog = result.Catalog;
        Assert.Equal(generated.Entities, catalog.Entities.Count);
        Assert.Equal(generated.Components, catalog.Components.Count);
        Assert.Equal(generated.Users, catalog.Users.Count);
        Assert.Equal(generated.Groups, catalog.Groups.Count);
        Assert.Equal(2 * generated.DeclaredRelations, catalog.RelationCount);
        Assert.All(catalog.Users, u => Assert.Single(u.MemberOf));

        var svc = catalog.Find("svc-1234")!;
        Assert.Equal(3, svc.Tier);
        Assert.Equal("svc-1234", Assert.Single(catalog.ComponentsForPath("services/svc-1234/main.go")).Name);
        Assert.Equal(5, catalog.Related(svc.Ref, RelationType.DependsOn).Count);
        Assert.InRange(catalog.Dependencies(svc.Ref).Count, 5, 7);
        Assert.All(catalog.Dependents(svc.Ref), d => Assert.Contains(catalog.Dependencies(d.Entity), x => x.Entity == svc.Ref));
        Assert.True(catalog.TransitiveDependents(svc.Ref).Count > 1_000); // random edges: nearly everything reaches it
    }
}
