namespace Countersign.Core.Policy.Conditions;

/// <summary>Which components a component or tier condition considers.</summary>
public enum ComponentScope
{
    /// <summary>Components whose files the change edits.</summary>
    Touched,

    /// <summary>Components that depend on a touched one, at any depth.</summary>
    Reached,

    /// <summary>Both.</summary>
    Affected,
}
