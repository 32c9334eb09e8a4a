using Countersign.Core.Changes;

namespace Countersign.Contracts;

/// <summary>One change a deploy ships, as CI found it between the running and the shipping revision.</summary>
public sealed record ShippedChange(string Commit, ChangeFacts Facts);
