namespace Countersign.Server.Api;

/// <summary>What an org.yaml import stored, and its warnings.</summary>
internal sealed record OrgImported(int People, int Teams, IReadOnlyList<string> Warnings);
