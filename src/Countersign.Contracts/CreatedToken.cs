namespace Countersign.Contracts;

/// <summary>A token just created: the only time its secret is shown.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);
