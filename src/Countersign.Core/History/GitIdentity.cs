namespace Countersign.Core.History;

/// <summary>A name, e-mail and timestamp as git records them for an author or committer.</summary>
public sealed record GitIdentity(string Name, string Email, DateTimeOffset When)
{
    public override string ToString() => $"{Name} <{Email}>";
}
