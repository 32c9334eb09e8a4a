using Countersign.Core.Diagnostics;
using Countersign.Core.Ownership.Catalog;

namespace Countersign.Core.Tests.Ownership.Catalog;

/// <summary>The real acme-corp example catalog of backstage/backstage, loaded the way Backstage does: from its Location files.</summary>
public sealed class AcmeCorpCatalogTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Ownership", "Catalog", "Data", "acme-corp");

    private static readonly CatalogParseResult Result = CatalogReader.ReadFollowingLocations(["all.yaml", "acme-corp.yaml"], ReadText);

    private static Countersign.Core.Ownership.Catalog.Catalog Acme => Result.Catalog;

    private static string? ReadText(string path)
    {
        var full = Path.Combine(DataDirectory, path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    private static EntityRef Ref(string text) => EntityRef.Parse(text);

    [Fact]
    public void EveryEntityReachableFromTheLocationsLoads()
    {
        Assert.Equal(46, Acme.Entities.Count);
        Assert.Equal(8, Acme.Components.Count);
        Assert.Equal(9, Acme.Entities.Count(e => e.Kind == EntityKinds.Api));
        Assert.Equal(7, Acme.Groups.Count);
        Assert.Equal(11, Acme.Users.Count);
        Assert.Equal(8, Acme.Entities.Count(e => e.Kind == EntityKinds.Location));
        Assert.Single(Acme.Entities, e => e.Kind == EntityKinds.System);
        Assert.Single(Acme.Entities, e => e.Kind == EntityKinds.Domain);
        Assert.Single(Acme.Entities, e => e.Kind == EntityKinds.Resource);
        Assert.DoesNotContain(Result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void ArtistLookupDependsOnTheArtistsDatabaseAndTheDatabaseKnowsItsDependent()
    {
        var artistsDb = Ref("resource:artists-db");

        Assert.Equal([new CatalogDependency(artistsDb, null)], Acme.Dependencies(Ref("artist-lookup")));
        Assert.Contains(new CatalogDependency(Ref("artist-lookup"), null), Acme.Dependents(artistsDb));
        Assert.Contains(new CatalogRelation(artistsDb, RelationType.DependencyOf, Ref("artist-lookup")), Acme.Relations(artistsDb));
    }

    [Fact]
    public void ConsumingAnApiMeansDependingOnTheComponentThatProvidesIt()
    {
        var archiveApi = Ref("api:wayback-archive");

        Assert.Equal([new CatalogDependency(Ref("wayback-archive"), archiveApi)], Acme.Dependencies(Ref("wayback-search")));
        Assert.Equal([new CatalogDependency(Ref("wayback-search"), archiveApi)], Acme.Dependents(Ref("wayback-archive")));
        Assert.Equal([Ref("wayback-archive")], Acme.Related(archiveApi, RelationType.ApiProvidedBy));
        Assert.Equal("consumes api:default/wayback-archive", Acme.Dependencies(Ref("wayback-search"))[0].Via);
    }

    [Fact]
    public void AComponentNamedInConsumesApisIsADirectDependencyDeclaredFromBothSides()
    {
        // www-artist: consumesApis ['component:artist-lookup']; artist-lookup: apiConsumedBy ['component:www-artist'].
        Assert.Contains(new CatalogDependency(Ref("artist-lookup"), null), Acme.Dependencies(Ref("www-artist")));
        Assert.Contains(new CatalogDependency(Ref("www-artist"), null), Acme.Dependents(Ref("artist-lookup")));
        Assert.Single(Acme.Relations(Ref("www-artist")), r => r.Type == RelationType.ConsumesApi);
    }

    [Fact]
    public void OwnershipSystemsAndTheOrgTreeAreResolvedBothWays()
    {
        var artistLookup = Acme.Find("artist-lookup")!;
        Assert.Equal(Ref("group:team-a"), artistLookup.Owner);
        Assert.Equal(Ref("system:artist-engagement-portal"), artistLookup.System);
        Assert.Equal(Ref("domain:artists"), Acme.Find("system:artist-engagement-portal")!.Domain);
        Assert.Equal(Ref("user:guest"), Acme.Find("searcher")!.Owner);
        Assert.Contains(Ref("artist-lookup"), Acme.Related(Ref("group:team-a"), RelationType.OwnerOf));
        Assert.Equal([Ref("wayback-archive-ingestion"), Ref("wayback-archive-storage")], Acme.Related(Ref("wayback-archive"), RelationType.HasPart));
        Assert.Equal(["api:default/hello-world", "api:default/petstore", "api:default/streetlights"],
            Acme.Related(Ref("petstore"), RelationType.ProvidesApi).Select(r => r.ToString()).Order(StringComparer.Ordinal));

        var backstage = Acme.Groups.Single(g => g.Ref.Name == "backstage");
        Assert.Equal(Ref("group:infrastructure"), backstage.Parent);
        Assert.Equal([Ref("group:team-a"), Ref("group:team-b")], backstage.Children);
        var teamA = Acme.Groups.Single(g => g.Ref.Name == "team-a");
        Assert.Equal(["breanna.davison", "guest", "janelle.dawe", "nigel.manning"], teamA.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UsersCarryTheirProfileEmailAndGroups()
    {
        var janelle = Acme.Users.Single(u => u.Ref.Name == "janelle.dawe");

        Assert.Equal("janelle-dawe@example.com", janelle.Email);
        Assert.Equal("Janelle Dawe", janelle.DisplayName);
        Assert.Equal([Ref("group:team-a")], janelle.MemberOf);
        Assert.Equal("team-c@example.com", Acme.Groups.Single(g => g.Ref.Name == "team-c").Email);
    }

    [Fact]
    public void TheHeldBackTeamBIsReportedWhereverItIsNamed()
    {
        var teamB = Result.Diagnostics.Where(d => d.Message.Contains("group:default/team-b", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, teamB.Count);
        Assert.Contains(teamB, d => d is { Source: "acme/backstage-group.yaml", Line: 13, Field: "spec.children[1]", Severity: DiagnosticSeverity.Warning }
            && d.Message == "children target group:default/team-b is not in the catalog");
        Assert.Contains(teamB, d => d is { Source: "apis/swapi-graphql.yaml", Line: 13, Column: 10, Field: "spec.owner" }
            && d.Message == "owner group:default/team-b is not in the catalog");
    }

    [Fact]
    public void TheHeldBackLocationTargetsAreReportedAtTheLineNamingThem()
    {
        var missing = Result.Diagnostics.Where(d => d.Message.StartsWith("location target", StringComparison.Ordinal))
            .OrderBy(d => d.Source, StringComparer.Ordinal).ThenBy(d => d.Line).Select(d => $"{d.Source}:{d.Line}:{d.Column} {d.Message}");

        Assert.Equal(
        [
            "acme/org.yaml:30:7 location target acme/team-b-group.yaml does not exist",
            "all-components.yaml:10:7 location target components/playback-order-component.yaml does not exist",
            "all-components.yaml:11:7 location target components/podcast-api-component.yaml does not exist",
            "all-components.yaml:12:7 location target components/queue-proxy-component.yaml does not exist",
            "all-components.yaml:14:7 location target components/playback-lib-component.yaml does not exist",
            "all-components.yaml:16:7 location target components/shuffle-api-component.yaml does not exist",
            "all-domains.yaml:9:7 location target domains/playback-domain.yaml does not exist",
            "all-systems.yaml:9:7 location target systems/audio-playback-system.yaml does not exist",
            "all-systems.yaml:10:7 location target systems/podcast-system.yaml does not exist",
        ], missing);
    }

    [Fact]
    public void NothingElseIsReported()
    {
        Assert.Equal(11, Result.Diagnostics.Count);
    }

    [Fact]
    public void TheBackstageDemoCatalogInfoNamesAnOwnerOutsideTheCatalog()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Ownership", "Catalog", "Data", "backstage-demo-catalog-info.yaml");

        var result = CatalogReader.Read([(File.ReadAllText(path), "catalog-info.yaml")]);

        Assert.Equal(2, result.Catalog.Entities.Count);
        Assert.Equal(Ref("group:backstage/maintainers"), result.Catalog.Find("backstage-demo")!.Owner);
        Assert.Equal(
            ["catalog-info.yaml:12:10: warning: owner group:backstage/maintainers is not in the catalog (field 'spec.owner')",
             "catalog-info.yaml:25:10: warning: owner group:backstage/maintainers is not in the catalog (field 'spec.owner')"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal([Ref("api:demo-graphql")], result.Catalog.Related(Ref("backstage-demo"), RelationType.ConsumesApi));
        Assert.Empty(result.Catalog.Dependencies(Ref("backstage-demo"))); // the API has no provider in this file
    }
}
