using System.Text.Json.Nodes;
using Countersign.Core.SignOffs;

namespace Countersign.Contracts;

/// <summary>The verdict on one shipped change.</summary>
public sealed record ShippedVerdict(string Commit, string Status, bool Passed, string Summary, IReadOnlyList<SignOffView> SignOffs, JsonNode? Result);
