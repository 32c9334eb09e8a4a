namespace Countersign.Demo;

/// <summary>Dependency bumps (Dependabot, Renovate) and release commits (GitHub Actions) with their real message shapes.</summary>
internal sealed class DemoBots(DemoSourceTree tree, DemoManifests manifests, Random random)
{
    private readonly Dictionary<string, int> _releases = new(StringComparer.Ordinal);

    public DemoAuthorship Dependabot()
    {
        var (dep, from, to) = Bump();
        var dir = "/" + Path.GetDirectoryName(dep.Manifest)!.Replace('\\', '/');
        var kind = to.Split('.')[2] == "0" ? "minor" : "patch";
        var message =
            $"Bump {dep.Name} from {from} to {to} in {dir}\n\n" +
            $"Bumps [{dep.Name}](https://github.com/{Repo(dep)}) from {from} to {to}.\n" +
            $"- [Release notes](https://github.com/{Repo(dep)}/releases)\n- [Commits](https://github.com/{Repo(dep)}/compare/v{from}...v{to})\n\n" +
            $"---\nupdated-dependencies:\n- dependency-name: {dep.Name}\n  dependency-version: {to}\n  dependency-type: direct:production\n" +
            $"  update-type: version-update:semver-{kind}\n...\n\nSigned-off-by: dependabot[bot] <support@github.com>\n";
        return new(DemoPeople.Dependabot.Signature, DemoPeople.GitHubWeb, message);
    }

    public DemoAuthorship Renovate()
    {
        var (dep, _, to) = Bump();
        var scope = dep.Ecosystem == "terraform" ? "terraform" : "dependency";
        return new(DemoPeople.Renovate.Signature, DemoPeople.Renovate.Signature, $"chore(deps): update {scope} {dep.Name} to v{to}\n");
    }

    public DemoAuthorship Release()
    {
        var area = DemoAreas.All[random.Next(5)];
        var minor = _releases[area.Name] = _releases.GetValueOrDefault(area.Name, 3) + 1;
        var path = $"{area.Root}/CHANGELOG.md";
        var old = tree.Exists(path) ? tree.Render(path).TrimEnd('\n').Split('\n').Skip(2) : [];
        tree.SetText(path, ["# Changelog", "", $"## v1.{minor}.0", "", $"- Release of {area.Name} built from main.", "", .. old]);
        return new(DemoPeople.GitHubActions.Signature, DemoPeople.GitHubActions.Signature, $"chore(release): {area.Name} v1.{minor}.0 [skip ci]\n");
    }

    private (DemoDependency Dep, string From, string To) Bump()
    {
        var dep = manifests.Dependencies[random.Next(manifests.Dependencies.Count)];
        var from = dep.Version;
        dep.Version = dep.Next(random);
        tree.SetText(dep.Manifest, manifests.Render(dep.Manifest));
        return (dep, from, dep.Version);
    }

    private static string Repo(DemoDependency dep) =>
        dep.Name.StartsWith("github.com/", StringComparison.Ordinal) ? string.Join('/', dep.Name.Split('/')[1..3]) : $"{dep.Name.Split('/')[0]}/{dep.Name.Split('/')[^1]}";
}
