namespace Countersign.Server.Forges.Queue;

/// <summary>How the queues name forges in their rows and metrics (<c>github</c>, <c>gitlab</c>).</summary>
internal static class QueueNames
{
    public static string Of(ForgeKind forge) => forge switch
    {
        ForgeKind.GitHub => "github",
        ForgeKind.GitLab => "gitlab",
        _ => forge.ToString().ToLowerInvariant(),
    };

    public static ForgeKind? Parse(string name) => name switch
    {
        "github" => ForgeKind.GitHub,
        "gitlab" => ForgeKind.GitLab,
        _ => null,
    };
}
