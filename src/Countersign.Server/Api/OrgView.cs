using Countersign.Core.Organisation;

namespace Countersign.Server.Api;

/// <summary>The org directory as <c>GET /api/v1/org</c> answers it: its version (bumped by every change) and contents.</summary>
internal sealed record OrgView(long Version, IReadOnlyList<string> Levels, IReadOnlyList<Team> Teams, IReadOnlyList<Person> People, IReadOnlyList<BotIdentity> Bots);
