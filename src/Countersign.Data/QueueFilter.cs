namespace Countersign.Data;

/// <summary>Which changes a list shows: statuses (none: all), a repository, one person or any of a team's members waited for, a page.</summary>
public sealed record QueueFilter(IReadOnlyList<string> Statuses, string? Repository, string? Person, IReadOnlyList<string>? TeamMembers, int Offset, int Limit);
