namespace Countersign.Demo;

/// <summary>A pinned dependency in one of the monorepo's manifests; <see cref="Version"/> moves as bots bump it.</summary>
internal sealed class DemoDependency(string manifest, string name, string version, string ecosystem)
{
    public string Manifest { get; } = manifest;

    public string Name { get; } = name;

    public string Ecosystem { get; } = ecosystem;

    public string Version { get; set; } = version;

    /// <summary>The next patch or minor version, as a bot would propose it.</summary>
    public string Next(Random random)
    {
        var parts = Version.Split('.').Select(int.Parse).ToArray();
        if (random.Next(3) == 0)
        {
            parts[1]++;
            parts[2] = 0;
        }
        else
        {
            parts[2]++;
        }

        return string.Join('.', parts);
    }
}
