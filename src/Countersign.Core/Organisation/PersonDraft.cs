namespace Countersign.Core.Organisation;

/// <summary>A person as written in YAML or CSV, before references are checked. Values are trimmed; absent ones are null or empty.</summary>
internal sealed record PersonDraft(
    Located Id,
    Located? Name,
    IReadOnlyList<Located> Emails,
    Located? GitHub,
    Located? GitLab,
    Located? Level,
    IReadOnlyList<Located> Teams,
    Located? Manager);
