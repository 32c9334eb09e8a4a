using System.Text.Json.Nodes;

namespace Countersign.Server.Tests.Forges.GitLab;

/// <summary>The real GitLab deliveries kept beside the tests (Payloads/SOURCES.md says where each came from), and the headers GitLab sent them with.</summary>
internal static class GitLabPayloads
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Forges", "GitLab", "Payloads");

    /// <summary>Every payload file, relative to <see cref="Folder"/>.</summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).Order(StringComparer.Ordinal);

    public static string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

    /// <summary>The payload as a JSON tree, to change fields in.</summary>
    public static JsonObject Tree(string file) => JsonNode.Parse(Read(file))!.AsObject();

    /// <summary>The <c>X-Gitlab-Event</c> GitLab sends each payload with (SOURCES.md's notes).</summary>
    public static string EventOf(string file) =>
        Path.GetFileName(file) switch
        {
            var name when name.StartsWith("note_hook", StringComparison.Ordinal) || name.StartsWith("merge_request_comment", StringComparison.Ordinal) => "Note Hook",
            var name when name.StartsWith("push", StringComparison.Ordinal) => "Push Hook",
            _ => "Merge Request Hook",
        };
}
