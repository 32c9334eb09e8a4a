using System.Globalization;
using System.Text;

namespace Countersign.Core.Tests.Ownership.Catalog;

/// <summary>
/// Writes a synthetic Backstage catalog as multi-document YAML files shaped like real ones: an org tree of groups and
/// users, domains, systems, APIs, and components that own an API, consume two, depend on others at random (cycles
/// included), and carry tier and source-path annotations. Deterministic for a seed. Shared with bench/CatalogBench.
/// </summary>
public static class CatalogGenerator
{
    public static GeneratedCatalog Generate(int components, int dependsOnPerComponent = 5, int documentsPerFile = 1000, int seed = 42)
    {
        var random = new Random(seed);
        var groups = Math.Max(1, components / 50);
        var users = groups * 3;
        var domains = Math.Max(1, components / 1000);
        var systems = Math.Max(1, components / 100);
        var apis = Math.Max(1, components / 2);
        var relations = 0;
        var files = new List<(string Text, string Source)>();
        var text = new StringBuilder();
        var documents = 0;

        void Flush(string prefix)
        {
            if (documents > 0)
            {
                files.Add((text.ToString(), $"generated/{prefix}-{files.Count:D4}.yaml"));
                text.Clear();
                documents = 0;
            }
        }

        void Document(string prefix, string kind, string name, string spec, string metadata = "")
        {
            if (documents == documentsPerFile)
            {
                Flush(prefix);
            }

            text.Append("---\napiVersion: backstage.io/v1alpha1\nkind: ").Append(kind)
                .Append("\nmetadata:\n  name: ").Append(name).Append('\n').Append(metadata)
                .Append("spec:\n").Append(spec);
            documents++;
        }

        for (var g = 0; g < groups; g++)
        {
            var parent = g == 0 ? "" : $"  parent: team-{(g - 1) / 10}\n";
            relations += g == 0 ? 0 : 1;
            Document("org", "Group", $"team-{g}", $"  type: team\n  profile:\n    email: team-{g}@example.com\n{parent}  children: []\n");
        }

        for (var u = 0; u < users; u++)
        {
            relations++;
            Document("org", "User", $"user-{u}", $"  profile:\n    displayName: User {u}\n    email: user-{u}@example.com\n  memberOf: [team-{u % groups}]\n");
        }

        Flush("org");
        for (var d = 0; d < domains; d++)
        {
            relations++;
            Document("systems", "Domain", $"domain-{d}", $"  owner: team-{d % groups}\n");
        }

        for (var s = 0; s < systems; s++)
        {
            relations += 2;
            Document("systems", "System", $"system-{s}", $"  owner: team-{s % groups}\n  domain: domain-{s % domains}\n");
        }

        Flush("systems");
        for (var a = 0; a < apis; a++)
        {
            relations++;
            Document("apis", "API", $"api-{a}", $"  type: openapi\n  lifecycle: production\n  owner: team-{a % groups}\n  definition: |\n    openapi: 3.0.0\n");
        }

        Flush("apis");
        var spec = new StringBuilder();
        for (var c = 0; c < components; c++)
        {
            spec.Clear();
            spec.Append("  type: service\n  lifecycle: production\n  owner: team-").Append(c % groups)
                .Append("\n  system: system-").Append(c % systems).Append('\n');
            relations += 2;
            if (c % 2 == 0 && c / 2 < apis)
            {
                spec.Append("  providesApis: [api-").Append(c / 2).Append("]\n");
                relations++;
            }

            var consumed = Distinct(random, apis, Math.Min(2, apis), -1);
            spec.Append("  consumesApis:\n");
            foreach (var api in consumed)
            {
                spec.Append("    - api-").Append(api).Append('\n');
            }

            var dependencies = Distinct(random, components, Math.Min(dependsOnPerComponent, components - 1), c);
            if (dependencies.Count > 0)
            {
                spec.Append("  dependsOn:\n");
                foreach (var dependency in dependencies)
                {
                    spec.Append("    - component:svc-").Append(dependency).Append('\n');
                }
            }

            relations += consumed.Count + dependencies.Count;
            var metadata = string.Create(CultureInfo.InvariantCulture,
                $"  annotations:\n    countersign.io/tier: \"tier-{1 + (c % 4)}\"\n    countersign.io/source-paths: services/svc-{c}/\n  tags: [generated]\n");
            Document("components", "Component", $"svc-{c}", spec.ToString(), metadata);
        }

        Flush("components");
        return new GeneratedCatalog(files, components, apis, groups, users, systems, domains, relations);
    }

    private static List<int> Distinct(Random random, int range, int count, int except)
    {
        var picked = new List<int>(count);
        while (picked.Count < count)
        {
            var value = random.Next(range);
            if (value != except && !picked.Contains(value))
            {
                picked.Add(value);
            }
        }

        return picked;
    }
}
