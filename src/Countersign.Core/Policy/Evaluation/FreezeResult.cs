namespace Countersign.Core.Policy.Evaluation;

/// <summary>A freeze window considered for the change: whether it is in force now, whether an exception lets the change through, and why.</summary>
public sealed record FreezeResult(string Name, bool Active, bool Excepted, string Explanation, SourceSpan Position)
{
    public bool Blocks => Active && !Excepted;
}
