namespace Countersign.Core.Organisation;

/// <summary>A team; <see cref="Parent"/> nests it inside a larger team (payments inside commerce).</summary>
/// <param name="Id">Unique, case-sensitive team id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Parent">Id of the enclosing team, if any.</param>
public sealed record Team(string Id, string Name, string? Parent = null)
{
    public override string ToString() => Name == Id ? Id : $"{Name} ({Id})";
}
